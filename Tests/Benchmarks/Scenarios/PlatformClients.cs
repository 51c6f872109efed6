using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>HTTP clients of a running platform, signed in as its first admin, with as many connections as callers.</summary>
internal static class PlatformClients
{
    public static async Task<AuthenticationHeaderValue> SignInAsync(RunningPlatform platform)
    {
        using var login = await platform.Auth.Client.PostAsJsonAsync("/auth/login", new { username = "admin", password = platform.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return new AuthenticationHeaderValue("Bearer", token);
    }

    public static HttpClient Create(Uri service, AuthenticationHeaderValue token, int connections = 16)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = service };
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }
}
