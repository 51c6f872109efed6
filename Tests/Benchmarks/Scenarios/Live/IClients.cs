namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>The scenario's WebSocket clients, each subscribed to everything, wherever they run.</summary>
internal interface IClients : IAsyncDisposable
{
    int Count { get; }

    /// <summary>The process the clients run in when it is not the harness, for its CPU time.</summary>
    int? ProcessId { get; }

    Task AddAsync(int clients);

    /// <summary>The fewest event frames any client received since the last <see cref="TakeAsync"/>.</summary>
    Task<long> FewestAsync();

    /// <summary>Every client's frames since the last call (aggregate id, Stopwatch timestamp of arrival), which forgets them.</summary>
    Task<List<(Guid Id, long At)>> TakeAsync();
}
