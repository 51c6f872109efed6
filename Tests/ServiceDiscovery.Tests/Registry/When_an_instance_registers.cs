using System.Net;
using AgentLightning.Infrastructure.Hosting.HealthChecks;
using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLightning.ServiceDiscovery.Tests.Registry;

public sealed class When_an_instance_registers : OnOneDiscoveryInstance
{
    [Test]
    public async Task Should_be_listed_with_its_address_and_readiness_while_it_heartbeats()
    {
        var service = Names.Service();
        await Platform.RegisterAsync(service, "http://127.0.0.1:5101");

        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 1, $"{service} is listed");
        var first = await HeartbeatAsync(service);
        await Eventually.Until(async () => await HeartbeatAsync(service) > first, "the heartbeat moves on");

        var (status, instances) = await Discovery.ServiceAsync(service);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo("healthy"));
            Assert.That(instances, Is.EqualTo(new[] { "http://127.0.0.1:5101" }));
        });
    }

    [Test]
    public async Task Should_be_listed_as_not_ready_and_the_service_unhealthy_while_its_readiness_checks_fail()
    {
        var service = Names.Service();
        await Platform.RegisterAsync(service, "http://127.0.0.1:5105", builder => builder.Services.AddHealthChecks()
            .AddCheck("broken-dependency", () => HealthCheckResult.Unhealthy("down"), [HealthTags.Ready]));

        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 1, $"{service} is listed");

        var body = await (await Discovery.GetAsync($"/services/{service}", "viewer")).JsonAsync(HttpStatusCode.OK);
        var instance = body.GetProperty("instances")[0];
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
            Assert.That(instance.GetProperty("ready").GetBoolean(), Is.False);
            Assert.That(instance.GetProperty("readiness").GetString(), Is.EqualTo("unhealthy"));
        });
    }

    [Test]
    public async Task Should_leave_the_registry_at_once_when_it_stops_cleanly()
    {
        var service = Names.Service();
        var instance = await Platform.RegisterAsync(service, "http://127.0.0.1:5102");
        await Eventually.Until(async () => await RowsAsync(service) == 1, $"{service} registered");
        await Eventually.Until(async () => await AnnouncedAsync(service) == 1, $"{service} announced");

        await instance.DisposeAsync();

        // Deregistered by the stop itself, not expired: the row is gone before the expiry could have passed.
        Assert.That(await RowsAsync(service), Is.Zero);
        var (status, instances) = await Discovery.ServiceAsync(service);
        Assert.Multiple(() =>
        {
            Assert.That(instances, Is.Empty);
            Assert.That(status, Is.EqualTo("unhealthy"));
        });
    }

    [Test]
    public async Task Should_list_two_instances_of_one_service()
    {
        var service = Names.Service();
        await Platform.RegisterAsync(service, "http://127.0.0.1:5103");
        await Platform.RegisterAsync(service, "http://127.0.0.1:5104");

        await Eventually.Until(async () => (await Discovery.ServiceAsync(service)).Instances.Count == 2, $"both instances of {service} are listed");
    }

    private Task<long> RowsAsync(string service) =>
        Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM service_instances WHERE service = '{service}'");

    private Task<long> AnnouncedAsync(string service) =>
        Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM service_health WHERE service = '{service}'");

    private Task<DateTime> HeartbeatAsync(string service) =>
        Platform.Database.ScalarAsync<DateTime>($"SELECT max(last_heartbeat) FROM service_instances WHERE service = '{service}'");
}
