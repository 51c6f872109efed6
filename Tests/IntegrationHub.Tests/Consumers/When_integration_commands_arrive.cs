using System.Net;
using System.Text.Json;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Consumers;

/// <summary>Agent provisioning registers an agent's default webhook and removes it as compensation, each maybe more than once.</summary>
public sealed class When_integration_commands_arrive
{
    private HubPlatform _platform = null!;
    private HubApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _platform = await HubPlatform.StartAsync();
        _app = new HubApp(_platform);
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Test]
    public async Task Should_register_a_webhook_once_however_often_the_command_comes_with_a_secret_of_the_hubs()
    {
        var command = Register(Guid.NewGuid(), "http://127.0.0.1:9/agents/a1");

        await _platform.SendAsync(command);
        var again = await _platform.SendAsync(command);
        await Eventually.Until(() => _platform.ConsumedAsync(again), "both commands are consumed");

        var read = await (await _app.As(PlatformRoles.Viewer).GetAsync($"/integrations/{command.IntegrationId}")).JsonAsync(HttpStatusCode.OK);
        var secret = await _platform.Database.ScalarAsync<string>($"SELECT secret FROM integrations WHERE id = '{command.IntegrationId}'");
        await Eventually.Until(() => _platform.Announced.Of(command.IntegrationId).Count >= 1, "the registration is announced");
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(read.GetProperty("channels")[0].GetString(), Is.EqualTo("agent:a1"));
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(_platform.Announced.Of(command.IntegrationId).Select(m => m.GetType()), Is.EqualTo(new[] { typeof(IntegrationRegistered) }));
        });
    }

    [Test]
    public async Task Should_reject_another_definition_under_a_registered_id()
    {
        var id = Guid.NewGuid();
        await _platform.SendAsync(Register(id, "http://127.0.0.1:9/first"));
        // Registered first: sent together, the two are consumed side by side and either may take the id.
        await Eventually.Until(() => _platform.Announced.Of(id).OfType<IntegrationRegistered>().Any(), "the first registration is announced");
        await _platform.SendAsync(Register(id, "http://127.0.0.1:9/second"));

        await Eventually.Until(() => _platform.Announced.Of(id).OfType<CommandRejected>().Any(), "the second registration is rejected");
        var read = await (await _app.As(PlatformRoles.Viewer).GetAsync($"/integrations/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(_platform.Announced.Of(id).OfType<CommandRejected>().Single().Reason, Is.EqualTo(CommandRejections.Conflict));
            Assert.That(read.GetProperty("url").GetString(), Is.EqualTo("http://127.0.0.1:9/first"));
        });
    }

    [Test]
    public async Task Should_remove_it_and_take_a_second_removal_as_done()
    {
        var id = Guid.NewGuid();
        await _platform.SendAsync(Register(id, "http://127.0.0.1:9/removed"));
        await Eventually.Until(() => _platform.Announced.Of(id).OfType<IntegrationRegistered>().Any(), "it is registered");

        await _platform.SendAsync(new RemoveIntegration { IntegrationId = id });
        var again = await _platform.SendAsync(new RemoveIntegration { IntegrationId = id });
        await Eventually.Until(() => _platform.ConsumedAsync(again), "both removals are consumed");

        await (await _app.As(PlatformRoles.Viewer).GetAsync($"/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await Eventually.Until(() => _platform.Announced.Of(id).OfType<IntegrationRemoved>().Any(), "the removal is announced");
        Assert.That(_platform.Announced.Of(id).Select(m => m.GetType()), Is.EquivalentTo(new[] { typeof(IntegrationRegistered), typeof(IntegrationRemoved) }),
            "one removal, no rejection");
    }

    private static RegisterIntegration Register(Guid id, string url) => new()
    {
        IntegrationId = id,
        Name = "default webhook",
        Kind = IntegrationKinds.Webhook,
        Endpoint = new Uri(url),
        Config = JsonSerializer.SerializeToElement(new { channels = new[] { "agent:a1" } }),
    };
}
