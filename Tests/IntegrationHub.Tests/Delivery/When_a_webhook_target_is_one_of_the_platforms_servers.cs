using System.Net;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Outbound;
using MassTransit;

namespace AgentLightning.IntegrationHub.Tests.Delivery;

/// <summary>Issue 9: in development (loopback allowed) a webhook could POST to the hub's own PostgreSQL, Redis or RabbitMQ on 127.0.0.1.</summary>
public sealed class When_a_webhook_target_is_one_of_the_platforms_servers : DeliveryFixture
{
    [TestCase(ConfiguredServers.Postgres)]
    [TestCase(ConfiguredServers.Redis)]
    [TestCase(ConfiguredServers.RabbitMq)]
    [TestCase(ConfiguredServers.RabbitMqManagement)]
    public async Task Should_refuse_it_at_creation_with_400(string server)
    {
        using var response = await Operator.PostJsonAsync("/integrations", Api.Webhook($"http://127.0.0.1:{ConfiguredServers.Port(server)}/", "agent:*"));

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain("platform"));
    }

    [TestCase(ConfiguredServers.Postgres)]
    [TestCase(ConfiguredServers.Redis)]
    [TestCase(ConfiguredServers.RabbitMq)]
    [TestCase(ConfiguredServers.RabbitMqManagement)]
    public async Task Should_fail_every_attempt_without_connecting_when_a_name_turns_into_it_after_creation(string server)
    {
        var port = ConfiguredServers.Port(server);
        var name = $"rebind-{Guid.NewGuid():N}.test";
        App.Resolver.Answer(name, [TestResolver.PublicAddress], [IPAddress.Loopback]);
        var agentId = Webhooks.NewAgentId();
        var hook = await Operator.CreateAsync(new Uri($"http://{name}:{port}/hooks"), $"agent:{agentId}");
        var viewer = App.As("viewer");

        await Platform.PublishAsync(Webhooks.AgentCreated(agentId), NewId.NextGuid());
        await Eventually.Until(async () => (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?status=failed")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("count").GetInt32() == 1, "the delivery fails after its retries");

        var delivery = (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries")).JsonAsync(HttpStatusCode.OK)).GetProperty("deliveries")[0];
        Assert.That(delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("error").GetString()), Has.All.Contains("platform"));
        Assert.That(App.Connector.Connects.Select(e => e.Port), Has.None.EqualTo(port), "no connection was opened");
    }
}
