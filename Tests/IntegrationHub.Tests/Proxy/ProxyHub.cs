using System.Net;
using System.Net.Http.Headers;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Outbound;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

/// <summary>
/// A hub in allow-loopback mode (the development settings) with a stub external API, test names instead of DNS
/// and a connector that fails the spec for any address outside 127.0.0.0/8; resilience fast enough for specs.
/// </summary>
internal sealed class ProxyHub : IAsyncDisposable
{
    private readonly HubPlatform _platform;
    private readonly WebApplicationFactory<Program> _app;

    private ProxyHub(HubPlatform platform, UpstreamStub upstream, IDictionary<string, string?>? settings)
    {
        _platform = platform;
        Upstream = upstream;
        var all = new Dictionary<string, string?>
        {
            ["Outbound:AllowLoopback"] = "true",
            ["IntegrationHub:Proxy:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["IntegrationHub:Proxy:Resilience:Retry:Delay"] = "00:00:00.010",
            ["IntegrationHub:Proxy:Resilience:AttemptTimeout:Timeout"] = "00:00:00.500",
            ["IntegrationHub:Proxy:Resilience:TotalRequestTimeout:Timeout"] = "00:00:02",
            ["IntegrationHub:Proxy:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:02",
            ["IntegrationHub:Proxy:Resilience:CircuitBreaker:MinimumThroughput"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _app = new HubApp(platform, all).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IOutboundAddressResolver>(Resolver));
            services.Replace(ServiceDescriptor.Singleton<IOutboundConnector>(Connector));
        }));
        Operator = Client(PlatformRoles.Operator);
        Viewer = Client(PlatformRoles.Viewer);
    }

    public UpstreamStub Upstream { get; }

    public TestResolver Resolver { get; } = new();

    public WatchingConnector Connector { get; } = new(message => Assert.Fail(message));

    public HttpClient Operator { get; }

    public HttpClient Viewer { get; }

    public static async Task<ProxyHub> StartAsync(IDictionary<string, string?>? settings = null) =>
        new(await HubPlatform.StartAsync(), await UpstreamStub.StartAsync(), settings);

    /// <summary>An http integration; its URL is the stub's unless given.</summary>
    public async Task<Guid> CreateAsync(int? cacheTtlSeconds = null, string? url = null, string authValue = "secret-key")
    {
        var id = Guid.NewGuid();
        using var response = await Operator.PostJsonAsync("/integrations", new
        {
            id, name = "api", kind = "http", url = url ?? Upstream.BaseUrl, authHeaderName = UpstreamStub.AuthHeader, authHeaderValue = authValue, cacheTtlSeconds,
        });
        await response.JsonAsync(HttpStatusCode.Created);
        return id;
    }

    /// <summary>A port on 127.0.0.1 nothing listens on (it was free a moment ago).</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task<HttpResponseMessage> GetAsync(Guid id, string pathAndQuery) =>
        Viewer.GetAsync(new Uri($"/integrations/{id}/proxy/{pathAndQuery}", UriKind.Relative));

    /// <summary>A request whose (decoded) path reaches routing as written: HttpClient's Uri would resolve dot segments first.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetRawPathAsync(Guid id, string path)
    {
        var context = await _app.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = new PathString($"/integrations/{id}/proxy/{path}");
            http.Request.Headers.Authorization = "Bearer " + Tokens.For(PlatformRoles.Viewer);
        });
        using var reader = new StreamReader(context.Response.Body);
        return ((HttpStatusCode)context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Upstream.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private HttpClient Client(string role)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        return client;
    }
}
