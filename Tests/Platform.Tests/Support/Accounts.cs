using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Support;

/// <summary>One signed-in user per role on a platform, created through Auth's user management as an admin would.</summary>
public sealed class Accounts(RunningPlatform platform)
{
    private readonly ConcurrentDictionary<string, Task<Session>> _sessions = new();

    public Task<Session> AdminAsync() => _sessions.GetOrAdd("admin", _ => Session.LoginAsync(platform.Auth.Client, "admin", platform.AdminPassword));

    public Task<Session> ForAsync(string role) => role == "admin" ? AdminAsync() : _sessions.GetOrAdd(role, CreateAsync);

    public async Task<string> TokenAsync(string role) => (await ForAsync(role)).AccessToken;

    /// <summary>After a restart Auth answers on another address: sign in again.</summary>
    public void Forget() => _sessions.Clear();

    private async Task<Session> CreateAsync(string role)
    {
        var admin = await AdminAsync();
        var username = $"{role}-{Guid.NewGuid():N}"[..20];
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        using var created = await platform.Auth.Client.SendAsync(HttpMethod.Post, "/users", admin.AccessToken,
            new { username, email = $"{username}@example.test", password, role });
        await created.JsonAsync(HttpStatusCode.Created);
        return await Session.LoginAsync(platform.Auth.Client, username, password);
    }
}
