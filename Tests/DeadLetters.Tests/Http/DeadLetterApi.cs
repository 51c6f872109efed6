using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Builder;

namespace AgentLightning.DeadLetters.Tests.Http;

/// <summary>
/// Another service of the same platform (service defaults and messaging, none of the failing consumers) on Kestrel at a
/// free loopback port: where an operator reaches the dead letters the fixture's service produced.
/// </summary>
public sealed class DeadLetterApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DeadLetterApi(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public static async Task<DeadLetterApi> StartAsync(string postgres, string prefix)
    {
        var settings = DeadLetterFixture.Settings(prefix);
        settings["Discovery:Register"] = "false";
        var builder = TestWebService.CreateBuilder(settings, postgres, "operations", "o" + prefix.TrimEnd('-'));
        var app = TestWebService.Build(builder, b => b.AddMessaging(), _ => { });
        await app.StartAsync();
        return new DeadLetterApi(app);
    }

    /// <summary>A request as <paramref name="user"/> with <paramref name="role"/> (none: no token), with a JSON body if given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role, object? body = null, string user = "test-operator")
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue(user, role));
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
