using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Monitoring;

public sealed class When_two_monitors_see_a_health_change
{
    [Test]
    public async Task Should_publish_one_ServiceHealthChanged_per_change()
    {
        // Two Service Discovery instances, each polling every 100 ms: both see every change.
        await using var platform = await DiscoveryPlatform.StartAsync(discoveryInstances: 2);
        var service = Names.Service();

        var instance = await platform.RegisterAsync(service, "http://127.0.0.1:5401");
        await Eventually.Until(() => platform.Events.Of(service).Any(c => c.Status == "healthy"), $"{service} is announced healthy");
        await instance.DisposeAsync();
        await Eventually.Until(() => platform.Events.Of(service).Any(c => c.Status == "unhealthy"), $"{service} is announced unhealthy");

        // The second change was announced after both monitors had made many passes over the first: a duplicate of the
        // first would have been published by then.
        var changes = platform.Events.Of(service).Select(c => $"{c.PreviousStatus ?? "none"} -> {c.Status}");
        Assert.That(changes, Is.EqualTo(new[] { "none -> healthy", "healthy -> unhealthy" }));
    }
}
