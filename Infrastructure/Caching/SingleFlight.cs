using System.Collections.Concurrent;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Stampede protection: concurrent misses of one key in this process share one load from PostgreSQL.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// The load gets a token of its own that no caller cancels: a caller that gives up (its request aborted) stops
    /// waiting, while the others still get the result. With the first caller's token, its cancellation reached every
    /// waiter as an OperationCanceledException their own requests had not asked for: a 500 under load.
    /// </summary>
    public async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var flight = _inFlight.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () =>
        {
            try
            {
                return await load(CancellationToken.None);
            }
            finally
            {
                _inFlight.TryRemove(key, out Lazy<Task<object?>>? _);
            }
        }));

        return (T)(await flight.Value.WaitAsync(cancellationToken))!;
    }
}
