using System.Net;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.IntegrationHub.Tests.Delivery;

public sealed class When_a_receivers_circuit_opens : DeliveryFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:Delivery:RetryDelays:0"] = "00:00:00.200",
        ["IntegrationHub:Delivery:MinimumThroughput"] = "2",
        ["IntegrationHub:Delivery:BreakDuration"] = "00:05:00",
    };

    [Test]
    public async Task Should_count_attempts_while_it_is_open_as_failed_without_calling_the_receiver()
    {
        Receiver.Status = 500;
        var agents = new[] { Webhooks.NewAgentId(), Webhooks.NewAgentId() };
        var hook = await Operator.CreateAsync(Receiver.Url("/breaker"), [.. agents.Select(a => $"agent:{a}")]);
        var viewer = App.As("viewer");
        var deliveries = $"/integrations/{hook.Id}/deliveries";

        await Platform.PublishAsync(Webhooks.AgentCreated(agents[0]), NewId.NextGuid());
        await Eventually.Until(async () => (await (await viewer.GetAsync($"{deliveries}?status=failed")).JsonAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32() == 1,
            "the first delivery fails twice, which opens the circuit");
        var calls = Receiver.ReceivedAt("/breaker").Count;
        await Platform.PublishAsync(Webhooks.AgentCreated(agents[1]), NewId.NextGuid());
        await Eventually.Until(async () => (await (await viewer.GetAsync($"{deliveries}?status=failed")).JsonAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32() == 2,
            "the second delivery fails too");

        var second = (await (await viewer.GetAsync($"{deliveries}?limit=1")).JsonAsync(HttpStatusCode.OK)).GetProperty("deliveries")[0];
        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(2), "the first delivery's two attempts reached the receiver");
            Assert.That(Receiver.ReceivedAt("/breaker"), Has.Count.EqualTo(2), "the second one's never did");
            Assert.That(second.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("error").GetString()), Has.All.Contains("circuit"));
            Assert.That(second.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").ValueKind), Has.All.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }
}
