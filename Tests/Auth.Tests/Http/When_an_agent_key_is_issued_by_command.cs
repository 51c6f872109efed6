using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

/// <summary>
/// IssueAgentApiKey and RevokeAgentApiKey (agent provisioning), sent as any service sends a command. The key's secret
/// never travels in a message: an admin picks it up from Auth once.
/// </summary>
public sealed class When_an_agent_key_is_issued_by_command
{
    private static HttpClient Client => SharedPlatform.Client;

    private static HttpClient Service => SharedPlatform.Platform.Validator.Client;

    [Test]
    public async Task Should_hand_its_secret_out_once_and_refuse_the_key_once_revoked()
    {
        var keyId = Guid.NewGuid();
        await SendCommandAsync("IssueAgentApiKey", new { keyId, agentId = "keyed-agent", role = "viewer", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });

        var key = await PickUpAsync(keyId);
        await Client.SendAsync(HttpMethod.Post, $"/auth/api-keys/{keyId}/secret", SharedPlatform.AdminToken).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SharedPlatform.Platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM api_keys WHERE id = '{keyId}' AND agent_id = 'keyed-agent' AND protected_secret IS NULL"), Is.EqualTo(1), "the secret is erased");

        await SendCommandAsync("RevokeAgentApiKey", new { keyId });

        await Eventually.Until(async () => (await Service.WithHeaderAsync(HttpMethod.Get, "/viewer", "X-Api-Key", key)).StatusCode == HttpStatusCode.Unauthorized,
            "the revoked key is refused");
    }

    [Test]
    public async Task Should_issue_once_when_the_command_comes_twice()
    {
        var keyId = Guid.NewGuid();
        var command = new { keyId, agentId = "twice-agent", role = "operator", expiresAt = DateTimeOffset.UtcNow.AddDays(1) };
        await SendCommandAsync("IssueAgentApiKey", command);
        var second = await SendCommandAsync("IssueAgentApiKey", command);

        await Eventually.Until(async () => await OutcomeAsync("IssueAgentApiKey", second) == "consumed", "the second command is consumed");
        Assert.That(await SharedPlatform.Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM api_keys WHERE agent_id = 'twice-agent'"), Is.EqualTo(1));
        await PickUpAsync(keyId);
    }

    [Test]
    public async Task Should_reject_an_expiry_beyond_the_longest_lifetime_and_issue_nothing()
    {
        var keyId = Guid.NewGuid();

        var sent = await SendCommandAsync("IssueAgentApiKey", new { keyId, agentId = "too-long", role = "viewer", expiresAt = DateTimeOffset.UtcNow.AddYears(10) });

        await Eventually.Until(async () => await OutcomeAsync("IssueAgentApiKey", sent) == "rejected", "the command is rejected");
        await Client.SendAsync(HttpMethod.Post, $"/auth/api-keys/{keyId}/secret", SharedPlatform.AdminToken).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<string> SendCommandAsync(string command, object body) =>
        (await Client.SendAsync(HttpMethod.Post, $"/commands/{command}", SharedPlatform.AdminToken, body).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("messageId").GetString()!;

    private static async Task<string> OutcomeAsync(string command, string messageId) =>
        (await Client.SendAsync(HttpMethod.Get, $"/commands/{command}/{messageId}", SharedPlatform.AdminToken).JsonAsync(HttpStatusCode.OK))
            .GetProperty("status").GetString()!;

    private static async Task<string> PickUpAsync(Guid keyId)
    {
        string? key = null;
        await Eventually.Until(async () =>
        {
            using var response = await Client.SendAsync(HttpMethod.Post, $"/auth/api-keys/{keyId}/secret", SharedPlatform.AdminToken);
            key = response.StatusCode == HttpStatusCode.OK ? (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("key").GetString() : null;
            return key is not null;
        }, "the issued key's secret can be picked up");
        return key!;
    }
}
