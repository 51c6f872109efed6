using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

/// <summary>
/// An external API on 127.0.0.1 that counts its calls per path and query. /api/** echoes what it got as JSON,
/// /api/fail answers 500, /api/slow never answers in time, /api/missing answers 404,
/// /api/moved redirects to /api/elsewhere.
/// </summary>
internal sealed class UpstreamStub : IAsyncDisposable
{
    public const string AuthHeader = "X-Api-Key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new();

    private UpstreamStub(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + "/api";

    public int CallsTo(string pathAndQuery) => _calls.GetValueOrDefault(pathAndQuery);

    public int Calls => _calls.Values.Sum();

    public int Port => new Uri(BaseUrl).Port;

    public static async Task<UpstreamStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new UpstreamStub(app);
        app.MapGet("/api/{**rest}", (Delegate)stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    private async Task<IResult> AnswerAsync(HttpContext http)
    {
        var request = http.Request;
        _calls.AddOrUpdate(request.Path + request.QueryString, 1, (_, n) => n + 1);
        switch (request.Path.Value)
        {
            case "/api/fail":
                return Results.Text("upstream broke", statusCode: StatusCodes.Status500InternalServerError);
            case "/api/moved":
                return Results.Redirect("/api/elsewhere");
            case "/api/missing":
                return Results.Text("no such thing", statusCode: StatusCodes.Status404NotFound);
            case "/api/slow":
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
                break;
        }

        return Results.Json(new { path = request.Path.Value, query = request.QueryString.Value, auth = request.Headers[AuthHeader].ToString() });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
