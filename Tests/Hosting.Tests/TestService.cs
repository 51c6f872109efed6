using System.Net.Http.Headers;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace AgentLightning.Hosting.Tests;

/// <summary>A service as a real one is built (service defaults plus a few endpoints), on Kestrel at a free loopback port.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private TestService(WebApplication app)
    {
        App = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static WebApplication Build(
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = TestWebService.CreateBuilder(DefaultSettings(), typeof(TestService).Assembly.GetName().Name);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        return TestWebService.Build(builder, b => configure?.Invoke(b), app =>
        {
            app.MapTestEndpoints();
            map?.Invoke(app);
        });
    }

    public static async Task<TestService> StartAsync(
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var app = Build(settings, configure, map);
        await app.StartAsync();
        return new TestService(app);
    }

    public string TokenFor(params string[] roles) =>
        TestTokenAuthority.Shared.Issue("test-user", roles);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, params string[] roles) =>
        SendAsync(HttpMethod.Get, path, roles.Length == 0 ? null : TokenFor(roles));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>What every deployed service gets: the real stores' addresses and the authority whose tokens it trusts.</summary>
    private static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Auth:Authority"] = TestTokenAuthority.Shared.Authority,
        // The shared database's registry may list the Auth of a developer's ./run.sh: these specs trust the test authority only.
        ["Auth:ResolveThroughRegistry"] = "false",
        ["ConnectionStrings:Postgres"] = TestServers.Postgres,
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["ConnectionStrings:RabbitMq"] = TestServers.RabbitMq,
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
