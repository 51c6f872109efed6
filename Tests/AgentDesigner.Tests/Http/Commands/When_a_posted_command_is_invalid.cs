using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>A body the contract does not accept is a 400 naming each bad field, and nothing is sent.</summary>
public sealed class When_a_posted_command_is_invalid
{
    private static HttpClient Client => SharedService.Client;

    [TestCase("CreateAgent", "{\"agentId\":", "$", TestName = "Should_answer_400_to_malformed_json")]
    [TestCase("CreateAgent", "", "$", TestName = "Should_answer_400_to_an_empty_body")]
    [TestCase("CreateAgent", "[1]", "$", TestName = "Should_answer_400_to_a_body_that_is_not_an_object")]
    [TestCase("CreateAgent", "{\"agentId\":\"a-1\",\"name\":5,\"model\":\"m\"}", "name", TestName = "Should_answer_400_to_a_number_for_a_string")]
    [TestCase("CreateAgent", "{\"agentId\":\"a-1\",\"name\":\"n\",\"model\":\"m\",\"capabilities\":\"x\"}", "capabilities", TestName = "Should_answer_400_to_a_string_for_a_list")]
    [TestCase("CreateAgent", "{\"agentId\":\"a-1\",\"name\":null,\"model\":\"m\"}", "name", TestName = "Should_answer_400_to_null_for_a_required_string")]
    [TestCase("CreateAgent", "{\"agentId\":\"a-1\",\"name\":\"n\"}", "model", TestName = "Should_answer_400_to_a_missing_required_field")]
    [TestCase("CreateAgent", "{\"agentId\":\"a-1\",\"name\":\"n\",\"model\":\"m\",\"colour\":\"red\"}", "colour", TestName = "Should_answer_400_to_an_unknown_member")]
    [TestCase("CreateTask", "{\"taskId\":\"not-a-guid\"}", "taskId", TestName = "Should_answer_400_to_a_string_that_is_not_a_uuid")]
    [TestCase("MakeCoffee", "{}", "messageType", TestName = "Should_answer_400_to_an_unknown_type")]
    [TestCase("AgentCreated", "{}", "messageType", TestName = "Should_answer_400_to_an_event_type")]
    public async Task Should_answer_400_with_the_field_error(string messageType, string json, string field)
    {
        var problem = await (await Client.SendTextAsync(HttpMethod.Post, $"/commands/{messageType}", PlatformRoles.Operator, json))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out var errors), Is.True, problem.ToString());
        Assert.That(errors.GetArrayLength(), Is.Positive);
    }

    [Test]
    public async Task Should_name_every_bad_field_at_once()
    {
        var problem = await (await Client.SendTextAsync(HttpMethod.Post, "/commands/CreateAgent", PlatformRoles.Operator, "{\"name\":5,\"colour\":1}"))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        Assert.That(fields, Is.SupersetOf(new[] { "agentId", "name", "model", "colour" }));
    }

    [Test]
    public async Task Should_answer_403_to_a_viewer() =>
        await (await Client.SendAsync(HttpMethod.Post, "/commands/CreateAgent", PlatformRoles.Viewer, new { agentId = "a-1", name = "n", model = "m" }))
            .ProblemAsync(HttpStatusCode.Forbidden);

    [Test]
    public async Task Should_answer_401_without_a_token() =>
        await (await Client.SendAsync(HttpMethod.Post, "/commands/CreateAgent", null, new { agentId = "a-1", name = "n", model = "m" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);

    [Test]
    public async Task Should_answer_404_for_the_outcome_of_an_unknown_type() =>
        await (await Client.SendAsync(HttpMethod.Get, $"/commands/MakeCoffee/{Guid.NewGuid()}", PlatformRoles.Viewer))
            .ProblemAsync(HttpStatusCode.NotFound);
}
