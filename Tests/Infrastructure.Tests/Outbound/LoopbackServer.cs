using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>A receiver on 127.0.0.1 (an ephemeral port, never a platform one): /hello answers, /redirect?to= redirects, /hops/{n} arrives after n redirects.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    public int Requests { get; private set; }

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Use((context, next) =>
        {
            server.Requests++;
            return next(context);
        });
        app.MapGet("/hello", () => "hello");
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/hops/{left:int}", (int left) => left == 0 ? Results.Text("arrived") : Results.Redirect($"/hops/{left - 1}"));
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
