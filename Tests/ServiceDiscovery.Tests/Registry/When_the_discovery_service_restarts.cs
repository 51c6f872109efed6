using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Registry;

public sealed class When_the_discovery_service_restarts
{
    [Test]
    public async Task Should_still_list_every_instance_registered_before()
    {
        await using var platform = await DiscoveryPlatform.StartAsync();
        var service = Names.Service();
        await platform.RegisterAsync(service, "http://127.0.0.1:5201");
        await Eventually.Until(async () => (await platform.Processes[0].Client.ServiceAsync(service)).Instances.Count == 1, $"{service} is listed");

        await platform.Processes[0].KillAsync();
        var restarted = await platform.StartDiscoveryAsync();

        // Read once, at once: the registry is the database, not the memory of the process that was killed.
        var (status, instances) = await restarted.Client.ServiceAsync(service);
        Assert.Multiple(() =>
        {
            Assert.That(instances, Is.EqualTo(new[] { "http://127.0.0.1:5201" }));
            Assert.That(status, Is.EqualTo("healthy"));
        });
    }
}
