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

    /// <summary>GET /services/{name} as a viewer: the service's status and the base URLs of its live instances.</summary>
    public static async Task<(string Status, IReadOnlyList<string> Instances)> ServiceAsync(this HttpClient client, string name)
    {
        var service = await (await client.GetAsync($"/services/{name}", "viewer")).JsonAsync(HttpStatusCode.OK);
        return (service.GetProperty("status").GetString()!,
            [.. service.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("baseUrl").GetString()!)]);
    }
}
