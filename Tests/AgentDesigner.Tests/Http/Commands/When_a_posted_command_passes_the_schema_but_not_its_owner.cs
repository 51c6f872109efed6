using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>
/// A body the contract's schema accepts but its owner cannot apply (a NUL in a string, null in a list of strings,
/// a JSON field holding the wrong kind of value) ends visibly, as a failed outcome naming the field, never as a
/// command lost or left waiting.
/// </summary>
public sealed class When_a_posted_command_passes_the_schema_but_not_its_owner
{
    [TestCase("{\"agentId\":\"nul-name\",\"name\":\"a\\u0000b\",\"model\":\"m\"}", "name", TestName = "Should_fail_visibly_for_a_nul_in_a_string")]
    [TestCase("{\"agentId\":\"null-capability\",\"name\":\"n\",\"model\":\"m\",\"capabilities\":[\"a\",null]}", "capabilities", TestName = "Should_fail_visibly_for_null_in_a_list_of_strings")]
    [TestCase("{\"agentId\":\"string-config\",\"name\":\"n\",\"model\":\"m\",\"config\":\"x\"}", "config", TestName = "Should_fail_visibly_for_a_config_that_is_not_an_object")]
    [TestCase("{\"agentId\":\"nul-config\",\"name\":\"n\",\"model\":\"m\",\"config\":{\"k\":\"\\u0000\"}}", "config", TestName = "Should_fail_visibly_for_a_nul_inside_a_json_field")]
    public async Task Should_show_the_owners_refusal(string json, string field)
    {
        using var response = await SharedService.Client.SendTextAsync(HttpMethod.Post, "/commands/CreateAgent", PlatformRoles.Operator, json);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return; // refused before it was sent: as good
        }

        var outcome = await CommandOutcomes.UntilAsync(await response.JsonAsync(HttpStatusCode.Accepted), "failed");

        Assert.That(outcome.GetProperty("rejection").GetProperty("detail").GetString(), Does.Contain(field));
    }

    /// <summary>
    /// Regression: the link answered for any type, so a failed CreateAgent showed as a failed DeleteAgent. Only
    /// rows that name the type can tell (dead letters, outbox rows); events and the inbox do not (docs/api.md).
    /// </summary>
    [Test]
    public async Task Should_not_show_one_commands_outcome_under_another_type()
    {
        var posted = await CommandOutcomes.PostAsync("CreateAgent", new { agentId = "Not_A_Slug", name = "Typed", model = "m" });
        await CommandOutcomes.UntilAsync(posted, "failed");

        using var response = await SharedService.Client.SendAsync(
            HttpMethod.Get, $"/commands/DeleteAgent/{posted.GetProperty("messageId").GetGuid()}", PlatformRoles.Viewer);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
