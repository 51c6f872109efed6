using System.Net;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.IntegrationHub.Tests.Delivery;

public sealed class When_an_event_matches_webhooks : DeliveryFixture
{
    [Test]
    public async Task Should_deliver_it_once_to_each_matching_webhook_with_a_signature_a_standard_webhooks_verifier_accepts()
    {
        var agentId = Webhooks.NewAgentId();
        var every = await Operator.CreateAsync(Receiver.Url("/every"), "agent:*");
        var created = await Operator.CreateAsync(Receiver.Url("/created"), "agent:created");
        var mine = await Operator.CreateAsync(Receiver.Url("/mine"), $"agent:{agentId}");
        var tasks = await Operator.CreateAsync(Receiver.Url("/tasks"), "task:*");
        var eventId = NewId.NextGuid();

        await Platform.PublishAsync(Webhooks.AgentCreated(agentId), eventId);
        await Eventually.Until(() => Receiver.Received.Count(r => r.EventId() == eventId) == 3, "the three matching webhooks get the event");
        await Platform.PublishAsync(Webhooks.AgentCreated(agentId), eventId);
        var marker = NewId.NextGuid();
        await Platform.PublishAsync(Webhooks.AgentCreated(Webhooks.NewAgentId()), marker);
        await Eventually.Until(() => Receiver.ReceivedAt("/every").Any(r => r.EventId() == marker), "a later event arrives after the redelivered one");

        var received = Receiver.Received.Where(r => r.EventId() == eventId).ToList();
        var body = received[0].Json();
        Assert.Multiple(async () =>
        {
            Assert.That(received.Select(r => r.Path), Is.EquivalentTo(new[] { "/every", "/created", "/mine" }), "once each, none to task:*");
            Assert.That(received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(3), "a webhook-id per delivery");
            Assert.That(await Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE event_id = '{eventId}'"), Is.EqualTo(3));
            Assert.That(await Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE integration_id = '{tasks.Id}' AND event_id = '{eventId}'"), Is.Zero);
            Assert.That(body.GetProperty("channel").GetString(), Is.EqualTo("agent:created"));
            Assert.That(body.GetProperty("aggregateId").GetString(), Is.EqualTo(agentId));
            Assert.That(body.GetProperty("service").GetString(), Is.EqualTo("agent-designer"));
            Assert.That(body.GetProperty("data").GetProperty("agentId").GetString(), Is.EqualTo(agentId));
        });
        foreach (var (webhook, secret) in new[] { ("/every", every.Secret), ("/created", created.Secret), ("/mine", mine.Secret) })
        {
            var delivery = received.Single(r => r.Path == webhook);
            Assert.DoesNotThrow(() => delivery.Verify(secret), $"{webhook} verifies with its own secret");
            Assert.That(() => delivery.Verify(tasks.Secret), Throws.Exception, "and not with another's");
        }
    }

    [Test]
    public async Task Should_list_the_deliveries_newest_first_with_their_attempts()
    {
        // The broker's event exchanges are shared: other specs' agents are not this webhook's.
        var agents = new[] { Webhooks.NewAgentId(), Webhooks.NewAgentId() };
        var hook = await Operator.CreateAsync(Receiver.Url("/listed"), [.. agents.Select(a => $"agent:{a}")]);
        var events = new[] { NewId.NextGuid(), NewId.NextGuid() };
        foreach (var (eventId, agentId) in events.Zip(agents))
        {
            await Platform.PublishAsync(Webhooks.AgentCreated(agentId), eventId);
            await Eventually.Until(() => Receiver.ReceivedAt("/listed").Any(r => r.EventId() == eventId), "the event is delivered");
        }

        var viewer = App.As("viewer");
        await Eventually.Until(async () => (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?status=delivered")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("count").GetInt32() == 2, "both are recorded as delivered");
        var first = await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?limit=1")).JsonAsync(HttpStatusCode.OK);
        var second = await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?limit=1&after={first.GetProperty("next").GetString()}")).JsonAsync(HttpStatusCode.OK);
        var newest = first.GetProperty("deliveries")[0];
        var one = await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries/{newest.GetProperty("id").GetString()}")).JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(newest.GetProperty("eventId").GetGuid(), Is.EqualTo(events[1]));
            Assert.That(second.GetProperty("deliveries")[0].GetProperty("eventId").GetGuid(), Is.EqualTo(events[0]));
            Assert.That(second.GetProperty("next").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(newest.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
            Assert.That(one.GetProperty("id").GetString(), Is.EqualTo(Receiver.ReceivedAt("/listed").Single(r => r.EventId() == events[1]).Id));
            await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?status=lost")).ProblemAsync(HttpStatusCode.BadRequest);
            await (await viewer.GetAsync($"/integrations/{Guid.NewGuid()}/deliveries")).ProblemAsync(HttpStatusCode.NotFound);
        });
    }
}
