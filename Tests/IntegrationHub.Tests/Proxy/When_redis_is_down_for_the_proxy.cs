using System.Net;
using AgentLightning.IntegrationHub.Proxy;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

/// <summary>The hub's Redis is a port nothing listens on: the proxy still answers, uncached.</summary>
public sealed class When_redis_is_down_for_the_proxy
{
    private ProxyHub _hub = null!;

    [OneTimeSetUp]
    public async Task Start() =>
        _hub = await ProxyHub.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{ProxyHub.ClosedPort()}" });

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [Test]
    public async Task Should_answer_every_call_from_the_api()
    {
        var id = await _hub.CreateAsync(cacheTtlSeconds: 300);

        for (var i = 0; i < 2; i++)
        {
            using var response = await _hub.GetAsync(id, "no-redis");
            await response.JsonAsync(HttpStatusCode.OK);
            Assert.That(response.Headers.GetValues(IntegrationProxy.CacheHeader), Is.EqualTo(new[] { "miss" }));
        }

        Assert.That(_hub.Upstream.CallsTo("/api/no-redis"), Is.EqualTo(2));
    }
}
