using AgentLightning.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Auth.Tests.Support;

/// <summary>A web host on a free loopback port, built as a real service is: the service defaults plus its own parts.</summary>
internal sealed class AuthHost : IAsyncDisposable
{
    private AuthHost(WebApplication app)
    {
        App = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public string Address => App.Urls.First();

    /// <summary>The Auth service itself.</summary>
    public static Task<AuthHost> StartAuthAsync(IDictionary<string, string?> settings, CapturedLogs? logs = null) =>
        StartAsync(typeof(AuthRegistration).Assembly.GetName().Name!, settings, logs, b => b.AddAuth(), app => app.MapAuth());

    /// <summary>Another service: it trusts Auth's published keys and has an endpoint per policy.</summary>
    public static Task<AuthHost> StartValidatorAsync(IDictionary<string, string?> settings) =>
        StartAsync("AgentLightning.Validator", settings, null, _ => { }, app => app.MapPolicyEndpoints());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static async Task<AuthHost> StartAsync(
        string name, IDictionary<string, string?> settings, CapturedLogs? logs, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var app = TestWebService.Build(TestWebService.CreateBuilder(settings, name), builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            add(builder);
        }, map);
        await app.StartAsync();
        return new AuthHost(app);
    }
}
