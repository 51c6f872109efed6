using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;
using Microsoft.Extensions.Logging;

namespace AgentLightning.ServiceDiscovery.Tests.Registry;

public sealed class When_the_database_is_down : OnOneDiscoveryInstance
{
    [Test]
    public async Task Should_keep_heartbeating_warn_once_and_be_listed_again_when_it_is_back()
    {
        var service = Names.Service();
        var logs = new CapturedLogs();
        using var proxy = TcpProxy.ForPostgres();
        await using var instance = await Platform.RegisterAsync(service, "http://127.0.0.1:5601",
            builder => builder.Logging.AddProvider(logs), proxy.PostgresConnectionString(Platform.Database.Name));
        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 1, $"{service} is listed");

        proxy.Cut();
        await Eventually.Until(() => proxy.Refused >= 6, "the instance keeps trying while its database is away");
        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 0, "its registration expires meanwhile");
        Assert.That(logs.Count(nameof(Infrastructure.Discovery) + ".InstanceRegistrar", LogLevel.Warning), Is.EqualTo(1), "one warning per outage");

        proxy.Restore();
        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 1, $"{service} is listed again");
    }
}
