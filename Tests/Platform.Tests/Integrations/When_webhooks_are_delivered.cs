using System.Net;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Integrations;

/// <summary>
/// A developer's receiver on 127.0.0.1 subscribed to some agents: it gets each of their events once, signed; while it
/// is down their events are retried, then kept as dead letters; replayed through POST /dead-letters/{id}/retry once it is back, each arrives once, under the
/// webhook-id it had from the start.
/// </summary>
[TestFixture]
public sealed class When_webhooks_are_delivered
{
    private static readonly Dictionary<string, string> QuickRetries = new()
    {
        ["IntegrationHub__Delivery__RetryDelays__0"] = "00:00:00.300",
        ["IntegrationHub__Delivery__RetryDelays__1"] = "00:00:00.600",

        // The receiver's outage opens its host's circuit; closed again by the time the dead letters are replayed.
        ["IntegrationHub__Delivery__BreakDuration"] = "00:00:00.500",
    };

    [Test]
    public async Task Should_reach_a_receiver_once_each_signed_and_after_an_outage_through_the_replayed_dead_letters()
    {
        await using var platform = await RunningPlatform.StartAsync(QuickRetries,
            RunningPlatform.AgentDesignerService, RunningPlatform.AiModelService, RunningPlatform.IntegrationHubService);
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await new Accounts(platform).TokenAsync("operator");
        var model = await Catalog.CreateModelAsync(platform, token);
        var agents = Enumerable.Range(0, 4).Select(_ => Catalog.NewId("agent")).ToList();
        using var created = await platform.IntegrationHub.Client.SendAsync(HttpMethod.Post, "/integrations", token,
            new { name = "my laptop", kind = "webhook", url = receiver.Url(), channels = agents.Select(a => $"agent:{a}") });
        var webhook = await created.JsonAsync(HttpStatusCode.Created);
        var secret = webhook.GetProperty("secret").GetString()!;

        foreach (var agent in agents[..2])
        {
            await Catalog.CreateAgentAsync(platform, token, model, agent);
        }

        await Eventually.Until(() => receiver.Received.Count == 2, "the two agents' AgentCreated reach the receiver");
        Assert.Multiple(() =>
        {
            Assert.That(receiver.Received.Select(r => r.Json().GetProperty("aggregateId").GetString()), Is.EquivalentTo(agents[..2]));
            Assert.That(receiver.Received.Select(r => r.Json().GetProperty("channel").GetString()), Has.All.EqualTo("agent:created"));
            Assert.That(receiver.Received, Has.All.Matches<ReceivedWebhook>(r => Verifies(r, secret)), "each verifies with the Standard Webhooks library");
        });

        await receiver.StopAsync();
        foreach (var agent in agents[2..])
        {
            await Catalog.CreateAgentAsync(platform, token, model, agent);
        }

        var deliveries = $"/integrations/{webhook.GetProperty("id").GetString()}/deliveries";
        await Eventually.Until(async () => (await platform.IntegrationHub.Client.GetJsonAsync($"{deliveries}?status=failed", token)).GetProperty("count").GetInt32() == 2,
            "the deliveries during the outage fail after their retries");
        var failed = (await platform.IntegrationHub.Client.GetJsonAsync($"{deliveries}?status=failed", token)).GetProperty("deliveries").EnumerateArray().ToList();
        Assert.That(failed.Select(d => d.GetProperty("attempts").GetArrayLength()), Has.All.EqualTo(3), "the first attempt and two retries each");

        await receiver.RestartAsync();

        // Through the dead-letter API of another service: every service serves the platform's one store.
        var pending = await platform.AgentDesigner.Client.GetJsonAsync($"/dead-letters?service={ServiceNames.IntegrationHub}&status=pending", token);
        var letters = pending.GetProperty("deadLetters").EnumerateArray().ToDictionary(l => l.GetProperty("messageId").GetString()!, l => l.GetProperty("id").GetString());
        foreach (var delivery in failed)
        {
            using var retried = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Post, $"/dead-letters/{letters[delivery.GetProperty("id").GetString()!]}/retry", token);
            await retried.JsonAsync(HttpStatusCode.OK);
        }

        await Eventually.Until(() => receiver.Received.Count == 4, "the replayed deliveries reach the receiver");
        var replayed = receiver.Received.Skip(2).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(replayed.Select(r => r.Id), Is.EquivalentTo(failed.Select(d => d.GetProperty("id").GetString())), "each once, under its original webhook-id");
            Assert.That(replayed.Select(r => r.Json().GetProperty("aggregateId").GetString()), Is.EquivalentTo(agents[2..]));
            Assert.That(replayed, Has.All.Matches<ReceivedWebhook>(r => Verifies(r, secret)));
        });
    }

    private static bool Verifies(ReceivedWebhook webhook, string secret)
    {
        webhook.Verify(secret);
        return true;
    }
}
