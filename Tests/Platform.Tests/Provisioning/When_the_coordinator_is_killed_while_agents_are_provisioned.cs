using System.Net;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Provisioning;

/// <summary>
/// The Transaction Coordinator SIGKILLed while provisioning sagas are in flight, then started again: the agents'
/// events find their saga by the InitiatorId our outbox keeps, the steps' commands and answers wait in the outbox and
/// the broker, so every saga ends completed with each step done once.
/// </summary>
public sealed class When_the_coordinator_is_killed_while_agents_are_provisioned
{
    private const int SagaCount = 150;

    private static readonly string[] Services =
        [RunningPlatform.AgentDesignerService, RunningPlatform.AiModelService, RunningPlatform.TransactionCoordinatorService];

    [Test]
    public async Task Should_complete_every_saga_with_one_agent_one_reservation_and_one_key_each()
    {
        await using var platform = await RunningPlatform.StartAsync(Services);
        var token = await new Accounts(platform).TokenAsync("admin");
        var model = await Catalog.CreateModelAsync(platform, token, maxConcurrentTasks: SagaCount);
        var ids = Enumerable.Range(0, SagaCount).Select(_ => Guid.NewGuid()).ToList();
        // Sent through Agent Designer's /commands: the coordinator's own endpoint would die with it.
        await Task.WhenAll(ids.Select(id => ProvisionAsync(platform, token, id, model)));
        // Killed once some have ended, so that the others stand at every step.
        await Eventually.Until(async () => await CountAsync(platform, "SELECT count(*) FROM agent_provisioning_sagas WHERE current_state = 'Final'") >= 10,
            "sagas are under way", TimeSpan.FromSeconds(90));
        Assert.That(await CountAsync(platform, "SELECT count(*) FROM agent_provisioning_sagas WHERE current_state = 'Final'"), Is.LessThan(SagaCount),
            "killed in the middle: some sagas have not finished");

        await platform.TransactionCoordinator.KillAsync();
        await TestContext.Out.WriteLineAsync($"At the kill: {await DescribeAsync(platform)}");
        await platform.StartInstanceAsync(RunningPlatform.TransactionCoordinatorService);

        try
        {
            await Eventually.Until(async () => await CountAsync(platform, "SELECT count(*) FROM agent_provisioning_sagas WHERE current_state = 'Final'") == SagaCount,
                "every saga ends", TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}\n{await DescribeAsync(platform)}");
        }

        var inList = string.Join(",", ids.Select(id => $"'{id}'"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CountAsync(platform, "SELECT count(*) FROM agent_provisioning_sagas WHERE outcome = 'completed'"), Is.EqualTo(SagaCount), await DescribeAsync(platform));
            Assert.That(await CountAsync(platform, $"SELECT count(*) FROM agents WHERE model = '{model}' AND status = 'active'"), Is.EqualTo(SagaCount), "one active agent each");
            Assert.That(await CountAsync(platform, $"SELECT count(*) FROM model_capacity_reservations WHERE reservation_id IN ({inList}) AND status = 'held'"), Is.EqualTo(SagaCount));
            Assert.That(await CountAsync(platform, $"SELECT count(*) FROM api_keys WHERE id IN ({inList}) AND revoked_at IS NULL"), Is.EqualTo(SagaCount), "one key each, none revoked");
            Assert.That(await CountAsync(platform, "SELECT count(*) FROM dead_letters"), Is.Zero, await DescribeAsync(platform));
        }
    }

    private static async Task ProvisionAsync(RunningPlatform platform, string token, Guid id, string model)
    {
        var agentId = Catalog.NewId("agent");
        using var sent = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Post, "/commands/ProvisionAgent", token, new
        {
            provisioningId = id,
            agentId,
            name = $"Provisioned {agentId}",
            model,
            keyRole = "viewer",
            keyExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        await sent.JsonAsync(HttpStatusCode.Accepted);
    }

    /// <summary>Where the sagas stand, for a spec that failed: their states and steps, and the dead letters.</summary>
    private static async Task<string> DescribeAsync(RunningPlatform platform) =>
        "sagas: " + await platform.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(k || ' ' || n, ', '), 'none') FROM (SELECT current_state || '/' || coalesce(step, '-') || '/' || coalesce(outcome, '-') AS k, count(*) AS n FROM agent_provisioning_sagas GROUP BY 1) g")
        + "\ndead letters: " + await platform.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(source_queue || ' ' || reason || ' ' || coalesce(exception_message, ''), '; '), 'none') FROM dead_letters");

    private static Task<long> CountAsync(RunningPlatform platform, string sql) => platform.Database.ScalarAsync<long>(sql);
}
