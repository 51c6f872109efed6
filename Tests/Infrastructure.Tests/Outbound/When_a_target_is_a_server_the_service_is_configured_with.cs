using System.Net;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>
/// Issue 9: with loopback allowed (development), a webhook or an external API's proxy could reach the platform's own
/// PostgreSQL, Redis and RabbitMQ on 127.0.0.1, since only the services' ports 8000–8008 counted as the platform's.
/// </summary>
public sealed class When_a_target_is_a_server_the_service_is_configured_with
{
    [TestCase("http://127.0.0.1:5432/")]
    [TestCase("http://[::1]:6379/")]
    [TestCase("http://loopback.test:5672/")]
    [TestCase("http://127.0.0.1:15672/api/overview")]
    [TestCase("http://0.0.0.0:5432/")]
    public async Task Should_refuse_it_on_its_default_port_even_when_loopback_is_allowed(string url)
    {
        using var calls = new GuardedCalls(new Dictionary<string, string?>
        {
            ["Outbound:AllowLoopback"] = "true",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=agent_lightning",
            ["ConnectionStrings:Redis"] = "localhost,abortConnect=false",
            ["ConnectionStrings:RabbitMq"] = "amqp://agent_lightning:secret@127.0.0.1/agent_lightning",
        });

        var verdict = await calls.CheckAsync(url);

        Assert.That(verdict.Reason, Does.Contain("platform"), url);
    }

    [Test]
    public async Task Should_refuse_each_host_and_port_it_names_wherever_the_name_resolves()
    {
        using var calls = new GuardedCalls(new Dictionary<string, string?>
        {
            ["Outbound:AllowLoopback"] = "true",
            ["Outbound:AllowPrivateNetworks"] = "true",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.2:6543,private.test;Port=5433;Database=agent_lightning",
            ["ConnectionStrings:Redis"] = "cache.test:7000,password=secret",
            ["ConnectionStrings:RabbitMq"] = "amqp://agent_lightning:secret@broker.test:5673/agent_lightning",
            ["Messaging:ManagementPort"] = "25672",
            ["Services:search:http:0"] = "http://search.test:9200",
        });
        calls.Resolver.Answer("cache.test", [IPAddress.Parse("10.0.0.7")]);
        calls.Resolver.Answer("broker.test", [IPAddress.Parse("10.0.0.8")]);
        calls.Resolver.Answer("search.test", [IPAddress.Parse("10.0.0.9")]);

        string[] platform =
        [
            "http://127.0.0.1:6543/", "http://private.test:5433/", "http://10.0.0.7:7000/",
            "http://10.0.0.8:5673/", "http://10.0.0.8:25672/", "http://10.0.0.9:9200/",
        ];
        string[] others = ["http://10.0.0.5:6543/", "http://10.0.0.7:5433/", "http://10.0.0.6:7000/", "http://10.0.0.8:15672/"];
        foreach (var url in platform)
        {
            Assert.That((await calls.CheckAsync(url)).Reason, Does.Contain("platform"), url);
        }

        foreach (var url in others)
        {
            Assert.That((await calls.CheckAsync(url)).IsAllowed, Is.True, url);
        }
    }
}
