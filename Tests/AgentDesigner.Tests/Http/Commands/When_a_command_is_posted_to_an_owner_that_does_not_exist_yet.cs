using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>
/// Integration Hub owns RegisterIntegration but does not run (no queue): the broker returns the mandatory
/// command, so it stays in the sender's outbox ("pending", retried with backoff until its owner appears or it is
/// given up on as a dead letter, docs/messaging.md), never "sent" and lost; other commands go on meanwhile.
/// </summary>
public sealed class When_a_command_is_posted_to_an_owner_that_does_not_exist_yet
{
    [Test]
    public async Task Should_keep_it_pending_while_other_commands_apply()
    {
        var waiting = await CommandOutcomes.PostAsync("RegisterIntegration", new { integrationId = Guid.NewGuid(), name = "Hook", kind = "webhook" });
        var other = await CommandOutcomes.PostAsync("CreateAgent", new { agentId = Samples.AgentId("beside"), name = "Beside", model = "m" });

        await CommandOutcomes.UntilAsync(other, "applied");

        using var response = await SharedService.Client.SendAsync(HttpMethod.Get, waiting.GetProperty("outcome").GetString()!, PlatformRoles.Viewer);
        Assert.That((await response.JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString(), Is.EqualTo("pending"));
    }
}
