using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>
/// Regression: the link read only the tables the command's owner writes, so an id never sent showed "sent" and an
/// applied command showed under any type. The link answers only for the id and type POST /commands sent.
/// </summary>
public sealed class When_an_outcome_link_is_not_a_sent_command
{
    [Test]
    public async Task Should_answer_404_for_an_id_never_sent() =>
        await (await SharedService.Client.SendAsync(HttpMethod.Get, $"/commands/CreateAgent/{Guid.NewGuid()}", PlatformRoles.Viewer))
            .ProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task Should_answer_404_for_an_applied_command_under_another_type()
    {
        var posted = await CommandOutcomes.PostAsync("CreateAgent", new { agentId = Samples.AgentId("typed"), name = "Typed", model = "m" });
        await CommandOutcomes.UntilAsync(posted, "applied");

        using var response = await SharedService.Client.SendAsync(
            HttpMethod.Get, $"/commands/DeleteAgent/{posted.GetProperty("messageId").GetGuid()}", PlatformRoles.Viewer);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
