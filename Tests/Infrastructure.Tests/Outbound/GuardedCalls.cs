using AgentLightning.Infrastructure.Outbound;
using AgentLightning.Testing.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>The guard as a service registers it, with the test resolver and the watching connector in place of DNS and sockets.</summary>
internal sealed class GuardedCalls : IDisposable
{
    private readonly ServiceProvider _services;

    public GuardedCalls(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IOutboundAddressResolver>(Resolver);
        services.AddSingleton<IOutboundConnector>(Connector);
        services.AddOutboundGuard(configuration);
        services.AddHttpClient("guarded").AddOutboundGuard();
        _services = services.BuildServiceProvider();
        Guard = _services.GetRequiredService<IOutboundTargetGuard>();
        Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient("guarded");
    }

    public static Dictionary<string, string?> AllowLoopback => new() { ["Outbound:AllowLoopback"] = "true" };

    public TestResolver Resolver { get; } = new();

    public WatchingConnector Connector { get; } = new(message => Assert.Fail(message));

    public IOutboundTargetGuard Guard { get; }

    public HttpClient Client { get; }

    public Task<OutboundVerdict> CheckAsync(string url) => Guard.CheckAsync(new Uri(url), CancellationToken.None);

    /// <summary>The refusal a GET ends with; fails the spec if the GET succeeds or fails for another reason.</summary>
    public OutboundRequestRefusedException RefusedGet(string url)
    {
        var failure = Assert.CatchAsync<HttpRequestException>(() => Client.GetAsync(new Uri(url)));
        var refused = OutboundRequestRefusedException.Find(failure);
        Assert.That(refused, Is.Not.Null, $"GET {url} failed, but not through the guard: {failure}");
        return refused!;
    }

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
