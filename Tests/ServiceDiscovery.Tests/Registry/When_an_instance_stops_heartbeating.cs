using System.Diagnostics;
using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Registry;

/// <summary>Service Discovery registers itself like every service: a second instance of it, SIGKILLed, is the instance that stops.</summary>
public sealed class When_an_instance_stops_heartbeating
{
    private const string Service = "service-discovery";

    [Test]
    public async Task Should_disappear_from_the_list_once_its_heartbeat_expires()
    {
        await using var platform = await DiscoveryPlatform.StartAsync(discoveryInstances: 2);
        var (survivor, victim) = (platform.Processes[0], platform.Processes[1]);
        var victimUrl = victim.Address.ToString().TrimEnd('/');
        await Eventually.Until(async () => (await survivor.Client.ServiceAsync(Service)).Instances.Contains(victimUrl), "both instances are listed");

        await victim.KillAsync();
        var killed = Stopwatch.StartNew();
        await Eventually.Until(async () => !(await survivor.Client.ServiceAsync(Service)).Instances.Contains(victimUrl),
            "the killed instance is no longer listed", DiscoveryPlatform.Expiry * 3);

        var (status, instances) = await survivor.Client.ServiceAsync(Service);
        Assert.Multiple(async () =>
        {
            // Expired, not deregistered: a SIGKILL runs no shutdown, so its row is still there.
            Assert.That(await platform.Database.ScalarAsync<long>($"SELECT count(*) FROM service_instances WHERE base_url = '{victimUrl}'"), Is.EqualTo(1));
            Assert.That(killed.Elapsed, Is.LessThan(DiscoveryPlatform.Expiry * 2));
            Assert.That(instances, Is.EqualTo(new[] { survivor.Address.ToString().TrimEnd('/') }));
            Assert.That(status, Is.EqualTo("healthy"));
        });
    }
}
