using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Support;

/// <summary>What a signed-in client holds: the tokens Auth gave it for one user.</summary>
public sealed record Session(string AccessToken, string RefreshToken)
{
    public static async Task<Session> LoginAsync(HttpClient auth, string username, string password)
    {
        using var response = await auth.PostAsJsonAsync("/auth/login", new { username, password });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return From(body);
    }

    public static Session From(JsonElement body) =>
        new(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
}
