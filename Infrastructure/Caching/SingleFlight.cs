using System.Collections.Concurrent;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Stampede protection: concurrent misses of one key in this process share one load from PostgreSQL.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string key, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        var flight = _inFlight.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () =>
        {
            try
            {
                return await load();
            }
            finally
            {
                _inFlight.TryRemove(key, out Lazy<Task<object?>>? _);
            }
        }));

        // The load itself is not cancelled by one caller giving up: others may be waiting for it.
        return (T)(await flight.Value.WaitAsync(cancellationToken))!;
    }
}
