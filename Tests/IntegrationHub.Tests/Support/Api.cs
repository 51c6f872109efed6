using System.Net.Http.Json;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>Requests as a client of the hub sends them (answers are checked with Testing's HttpAssertions).</summary>
internal static class Api
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static object Webhook(string url, params string[] channels) => new { name = "hook", kind = "webhook", url, channels };
}
