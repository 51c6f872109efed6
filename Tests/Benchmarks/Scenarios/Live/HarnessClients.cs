namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>The clients in the harness itself (as in session 3): their receive work shares its thread pool with the producer and its outbox.</summary>
internal sealed class HarnessClients(Uri socket, string token) : IClients
{
    private readonly List<LiveListener> _listeners = [];

    public int Count => _listeners.Count;

    public int? ProcessId => null;

    public async Task AddAsync(int clients)
    {
        for (var i = 0; i < clients; i++)
        {
            _listeners.Add(await LiveListener.ConnectAsync(socket, token));
        }
    }

    public Task<long> FewestAsync() => Task.FromResult(_listeners.Count == 0 ? 0L : _listeners.Min(l => (long)l.Count));

    public Task<List<(Guid Id, long At)>> TakeAsync() => Task.FromResult(_listeners.SelectMany(l => l.Take()).ToList());

    public async ValueTask DisposeAsync() => await Task.WhenAll(_listeners.Select(l => l.DisposeAsync().AsTask()));
}
