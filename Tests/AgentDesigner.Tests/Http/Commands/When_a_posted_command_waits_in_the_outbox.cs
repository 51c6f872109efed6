using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>
/// A database and queues of their own whose only process delivers nothing from its outbox, so the command stays
/// there (no event subscriber either: its host would deliver the shared outbox).
/// </summary>
public sealed class When_a_posted_command_waits_in_the_outbox
{
    private ServiceEnvironment _environment = null!;
    private ServiceProcess? _service;

    [OneTimeSetUp]
    public async Task Start()
    {
        _environment = await ServiceEnvironment.CreateAsync();
        _service = await ServiceProcess.StartAsync("AgentDesigner", _environment.Variables, new Dictionary<string, string> { ["Messaging__Outbox__DeliveryEnabled"] = "false" });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await _environment.Queues.DisposeAsync();
        await _environment.Database.DisposeAsync();
    }

    [Test]
    public async Task Should_show_pending_as_soon_as_it_is_accepted()
    {
        var id = Samples.AgentId("waiting");
        var accepted = await (await _service!.Client.SendAsync(HttpMethod.Post, "/commands/CreateAgent", PlatformRoles.Operator,
            new { agentId = id, name = "Waiting", model = "test-model" })).JsonAsync(HttpStatusCode.Accepted);

        var outcome = await (await _service!.Client.SendAsync(HttpMethod.Get, accepted.GetProperty("outcome").GetString()!, PlatformRoles.Viewer))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(outcome.GetProperty("status").GetString(), Is.EqualTo("pending"));
    }
}
