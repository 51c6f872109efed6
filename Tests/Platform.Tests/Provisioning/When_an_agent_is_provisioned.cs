using System.Net;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Provisioning;

/// <summary>
/// ProvisionAgent through the services it spans, each a process of its own: Agent Designer, AI Model, Integration
/// Hub, Auth and the Transaction Coordinator that runs the saga (the shared platform).
/// </summary>
[TestFixture]
public sealed class When_an_agent_is_provisioned
{
    private static readonly TimeSpan Saga = TimeSpan.FromSeconds(90);

    private RunningPlatform _platform = null!;
    private string _token = "";
    private string _model = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = SharedPlatform.Platform;
        _token = await SharedPlatform.Accounts.TokenAsync("admin");
        _model = await Catalog.CreateModelAsync(_platform, _token);
    }

    [Test]
    public async Task Should_end_with_the_agent_active_and_its_key_usable()
    {
        var (id, agentId) = (Guid.NewGuid(), Catalog.NewId("agent"));

        await ProvisionAsync(id, agentId, keyExpiresAt: DateTimeOffset.UtcNow.AddDays(30));

        await UntilOutcomeAsync(id, "completed");
        var agent = await _platform.AgentDesigner.Client.GetJsonAsync($"/agents/{agentId}", _token);
        Assert.That(agent.GetProperty("status").GetString(), Is.EqualTo("active"));

        using var pickUp = await _platform.Auth.Client.SendAsync(HttpMethod.Post, $"/auth/api-keys/{id}/secret", _token);
        var key = (await pickUp.JsonAsync(HttpStatusCode.OK)).GetProperty("key").GetString()!;
        using var asAgent = new HttpRequestMessage(HttpMethod.Get, $"/agents/{agentId}");
        asAgent.Headers.Add("X-Api-Key", key);
        using var answer = await _platform.AgentDesigner.Client.SendAsync(asAgent);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the agent's key is accepted by another service");
            Assert.That(await CountAsync($"SELECT count(*) FROM model_capacity_reservations WHERE reservation_id = '{id}' AND status = 'held'"), Is.EqualTo(1));
            Assert.That(await CountAsync($"SELECT count(*) FROM integrations WHERE id = '{id}'"), Is.EqualTo(1), "the webhook integration");
        }
    }

    [Test]
    public async Task Should_leave_no_agent_capacity_or_integration_behind_when_the_key_is_rejected()
    {
        var (id, agentId) = (Guid.NewGuid(), Catalog.NewId("agent"));

        // Auth refuses a key that outlives its longest lifetime (365 days): the key step is rejected.
        await ProvisionAsync(id, agentId, keyExpiresAt: DateTimeOffset.UtcNow.AddYears(10));

        await UntilOutcomeAsync(id, "compensated");
        Assert.That(await TextAsync($"SELECT failed_step || ': ' || failure_reason FROM agent_provisioning_sagas WHERE correlation_id = '{id}'"),
            Does.StartWith("issue-key: IssueAgentApiKey rejected by auth"));
        await Eventually.Until(async () =>
            (await _platform.AgentDesigner.Client.SendAsync(HttpMethod.Get, $"/agents/{agentId}", _token)).StatusCode == HttpStatusCode.NotFound
            && await CountAsync($"SELECT count(*) FROM model_capacity_reservations WHERE reservation_id = '{id}' AND status = 'held'") == 0
            && await CountAsync($"SELECT count(*) FROM integrations WHERE id = '{id}'") == 0,
            "the agent is deleted, the capacity released and the integration removed", Saga);
        Assert.That(await CountAsync($"SELECT count(*) FROM api_keys WHERE id = '{id}'"), Is.Zero, "no key was issued");
    }

    private async Task ProvisionAsync(Guid id, string agentId, DateTimeOffset keyExpiresAt)
    {
        using var sent = await _platform.TransactionCoordinator.Client.SendAsync(HttpMethod.Post, "/commands/ProvisionAgent", _token, new
        {
            provisioningId = id,
            agentId,
            name = $"Provisioned {agentId}",
            model = _model,
            capabilities = new[] { "search" },
            // A channel no event has: the spec registers the webhook, it does not want deliveries.
            webhook = new { target = "http://127.0.0.1:9/provisioned", channels = new[] { "provisioning-spec:none" } },
            keyRole = "viewer",
            keyExpiresAt,
        });
        await sent.JsonAsync(HttpStatusCode.Accepted);
    }

    /// <summary>Fails with the saga's row and the platform's dead letters, which say where it stopped.</summary>
    private async Task UntilOutcomeAsync(Guid id, string outcome)
    {
        try
        {
            await Eventually.Until(async () => await TextAsync(
                $"SELECT coalesce((SELECT outcome FROM agent_provisioning_sagas WHERE correlation_id = '{id}' AND current_state = 'Final'), '')") == outcome,
                $"the saga ends {outcome}", Saga);
        }
        catch (TimeoutException e)
        {
            var saga = await TextAsync($"SELECT coalesce((SELECT current_state || ' at ' || step || ' ' || coalesce(failure_reason, '') FROM agent_provisioning_sagas WHERE correlation_id = '{id}'), 'no saga')");
            var letters = await TextAsync("SELECT coalesce(string_agg(source_queue || ' ' || reason || ' ' || coalesce(exception_message, ''), '; '), 'none') FROM dead_letters");
            Assert.Fail($"{e.Message} Saga: {saga}. Dead letters: {letters}");
        }
    }

    private async Task<string> TextAsync(string sql) => await _platform.Database.ScalarAsync<string>(sql);

    private Task<long> CountAsync(string sql) => _platform.Database.ScalarAsync<long>(sql);
}
