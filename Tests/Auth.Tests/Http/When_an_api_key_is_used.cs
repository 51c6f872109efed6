using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_an_api_key_is_used
{
    private static HttpClient Client => SharedPlatform.Client;

    private static HttpClient Service => SharedPlatform.Platform.Validator.Client;

    [Test]
    public async Task Should_authenticate_in_either_header_with_the_keys_role()
    {
        var (_, key) = await CreateKeyAsync(PlatformRoles.Operator);

        var bearerStyle = await Service.WithHeaderAsync(HttpMethod.Post, "/operator", "Authorization", "ApiKey " + key);
        var header = await Service.WithHeaderAsync(HttpMethod.Post, "/operator", "X-Api-Key", key);
        var tooSmall = await Service.WithHeaderAsync(HttpMethod.Get, "/admin", "X-Api-Key", key);

        Assert.Multiple(() =>
        {
            Assert.That(bearerStyle.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(header.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        await tooSmall.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Should_stop_working_on_the_next_request_once_revoked()
    {
        var (id, key) = await CreateKeyAsync(PlatformRoles.Viewer);
        Assert.That((await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var revoke = await Client.SendAsync(HttpMethod.Delete, $"/auth/api-keys/{id}", SharedPlatform.AdminToken);

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_stop_working_once_expired()
    {
        var (id, key) = await CreateKeyAsync(PlatformRoles.Viewer);

        await SharedPlatform.Platform.Database.ExecuteAsync($"UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = '{id}'");

        await (await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("alk_00000000000000000000000000000000_nothing")]
    [TestCase("not-an-api-key")]
    public async Task Should_refuse_a_key_nobody_was_given(string key)
    {
        await (await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_refuse_a_known_id_with_another_secret()
    {
        var (_, key) = await CreateKeyAsync(PlatformRoles.Viewer);

        await (await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key[..^4] + "AAAA")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_list_keys_without_their_secrets()
    {
        var (id, key) = await CreateKeyAsync(PlatformRoles.Viewer);

        var response = await Client.SendAsync(HttpMethod.Get, "/auth/api-keys?limit=1000", SharedPlatform.AdminToken);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Does.Contain(id.ToString()));
        // The secret is the part after the second underscore, and may itself contain underscores (base64url).
        Assert.That(text, Does.Not.Contain(key.Split('_', 3)[2]));
    }

    [Test]
    public async Task Should_be_managed_by_admins_only()
    {
        var (_, key) = await CreateKeyAsync(PlatformRoles.Operator);

        await (await Client.WithHeaderAsync(HttpMethod.Get, "/auth/api-keys", "X-Api-Key", key)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Client.SendAsync(HttpMethod.Get, "/auth/api-keys")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(string role)
    {
        var body = await (await Client.SendAsync(HttpMethod.Post, "/auth/api-keys", SharedPlatform.AdminToken,
            new { name = "ci " + role, role, expiresAt = DateTimeOffset.UtcNow.AddDays(1) })).JsonAsync(HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }
}
