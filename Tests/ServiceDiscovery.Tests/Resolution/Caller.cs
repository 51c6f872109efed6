using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Resolution;

/// <summary>A caller of "echo" whose requests end in a <see cref="RecordingHandler"/> that sends nothing, so the spec sees where each one would go.</summary>
public sealed class Caller : IAsyncDisposable
{
    public const string Service = "echo";

    private readonly ResolvingCaller _caller;
    private readonly RecordingHandler _handler;

    private Caller(ResolvingCaller caller, RecordingHandler handler) => (_caller, _handler) = (caller, handler);

    /// <summary>A caller on <paramref name="postgres"/> that reads the registry on every request, with <paramref name="configured"/> as echo's configured address.</summary>
    public static async Task<Caller> StartAsync(string postgres, string configured, bool start = true)
    {
        var handler = new RecordingHandler();
        var caller = await ResolvingCaller.StartAsync(postgres, Service, new Dictionary<string, string?>
        {
            ["Discovery:ResolverCacheDuration"] = "00:00:00",
            [$"Services:{Service}:http:0"] = configured,
        }, () => handler, start);
        return new Caller(caller, handler);
    }

    /// <summary>Registers an instance of echo straight in the registry, with the readiness it would report.</summary>
    public Task RegisterAsync(string baseUrl, string readiness = "healthy") => _caller.Registry.HeartbeatAsync(new ServiceInstance
    {
        Id = Guid.NewGuid().ToString("N"),
        Service = Service,
        BaseUrl = baseUrl,
        Version = "test",
        StartedAt = DateTimeOffset.UtcNow,
        Readiness = readiness,
    }, CancellationToken.None);

    /// <summary>Sends <paramref name="count"/> requests to http://echo/ping and returns the authority each went to.</summary>
    public async Task<IReadOnlyList<string>> CallAsync(int count)
    {
        var before = _handler.Sent.Count;
        using var client = _caller.Client();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/ping");
        }

        return [.. _handler.Sent.Skip(before).Select(u => u.Authority)];
    }

    public async ValueTask DisposeAsync()
    {
        await _caller.DisposeAsync();
        _handler.Dispose();
    }
}
