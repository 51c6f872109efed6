using System.Net;
using System.Net.Http.Headers;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Support;

/// <summary>Reads Service Discovery's API as a client does: a bearer token from the test authority for a role.</summary>
public static class Api
{
    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? role, params string[] moreRoles)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue("discovery-tests", [role, .. moreRoles]));
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// GET /services/{name} as a viewer: the service's status and the base URLs of its live instances; a service no
    /// instance has registered yet (404) is "unknown" with none, so a spec can wait for its first registration.
    /// </summary>
    public static async Task<(string Status, IReadOnlyList<string> Instances)> ServiceAsync(this HttpClient client, string name)
    {
        using var response = await client.GetAsync($"/services/{name}", "viewer");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ("unknown", []);
        }

        var service = await response.JsonAsync(HttpStatusCode.OK);
        return (service.GetProperty("status").GetString()!,
            [.. service.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("baseUrl").GetString()!)]);
    }
}
