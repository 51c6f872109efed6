using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

/// <summary>Every rejected request is a problem document with a 4xx status, never a 500.</summary>
public sealed class When_a_request_is_invalid
{
    private const string Operator = PlatformRoles.Operator;
    private readonly string _existing = Samples.AgentId();

    private static HttpClient Client => SharedService.Client;

    [OneTimeSetUp]
    public async Task CreateAnAgent() =>
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(_existing))).JsonAsync(HttpStatusCode.Created);

    [TestCase("{\"id\":", TestName = "Should_answer_400_to_a_body_that_is_not_json")]
    [TestCase("[1, 2]", TestName = "Should_answer_400_to_a_body_that_is_not_an_object")]
    [TestCase("null", TestName = "Should_answer_400_to_a_null_body")]
    [TestCase("{\"id\":\"a-1\",\"name\":5,\"model\":\"m\"}", TestName = "Should_answer_400_to_a_number_for_a_name")]
    [TestCase("{\"id\":\"a-1\",\"name\":\"n\",\"model\":\"m\",\"capabilities\":\"search\"}", TestName = "Should_answer_400_to_a_string_for_a_list")]
    [TestCase("{\"id\":\"Not_A_Slug\",\"name\":\"n\",\"model\":\"m\"}", TestName = "Should_answer_400_to_a_bad_slug")]
    [TestCase("{\"id\":\"a-1\",\"model\":\"m\"}", TestName = "Should_answer_400_to_a_missing_name")]
    [TestCase("{\"id\":\"a-1\",\"name\":\"n\"}", TestName = "Should_answer_400_to_a_missing_model")]
    [TestCase("{\"id\":\"a-1\",\"name\":\"n\",\"model\":\"m\",\"config\":[1]}", TestName = "Should_answer_400_to_a_config_that_is_not_an_object")]
    [TestCase("{\"id\":\"a-1\",\"name\":\"n\",\"model\":\"m\",\"status\":\"sleeping\"}", TestName = "Should_answer_400_to_an_unknown_status")]
    public async Task Should_answer_400_to_a_bad_agent(string json)
    {
        var problem = await (await Client.SendTextAsync(HttpMethod.Post, "/agents", Operator, json)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Should_answer_400_to_an_unknown_status_change() =>
        await (await Client.SendTextAsync(HttpMethod.Post, $"/agents/{_existing}/status", Operator, "{\"status\":\"sleeping\"}"))
            .ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task Should_answer_400_to_knowledge_with_a_score_that_is_not_a_number() =>
        await (await Client.SendTextAsync(HttpMethod.Post, $"/agents/{_existing}/knowledge", Operator, "{\"category\":\"c\",\"content\":\"x\",\"relevanceScore\":true}"))
            .ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task Should_answer_400_to_an_if_match_that_is_not_a_version() =>
        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{_existing}", Operator, new { name = "n", model = "m" }, ifMatch: "\"abc\""))
            .ProblemAsync(HttpStatusCode.BadRequest);

    [TestCase("GET", "/agents/no-such-agent")]
    [TestCase("PUT", "/agents/no-such-agent")]
    [TestCase("POST", "/agents/no-such-agent/status")]
    [TestCase("DELETE", "/agents/no-such-agent")]
    [TestCase("GET", "/agents/no-such-agent/history")]
    [TestCase("GET", "/agents/no-such-agent/knowledge")]
    [TestCase("POST", "/agents/no-such-agent/knowledge")]
    [TestCase("GET", "/knowledge/5d0f6a3e-0000-4000-8000-000000000000")]
    [TestCase("PUT", "/knowledge/5d0f6a3e-0000-4000-8000-000000000000")]
    [TestCase("DELETE", "/knowledge/5d0f6a3e-0000-4000-8000-000000000000")]
    public async Task Should_answer_404_for_what_does_not_exist(string method, string path)
    {
        object body = new { name = "n", model = "m", status = "busy", category = "c", content = "x" };

        await (await Client.SendAsync(new HttpMethod(method), path, Operator, method is "GET" or "DELETE" ? null : body))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_answer_409_to_a_duplicate_id() =>
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(_existing))).ProblemAsync(HttpStatusCode.Conflict);

    [Test]
    public async Task Should_answer_409_to_a_stale_if_match()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator, new { name = "second", model = "m" }, ifMatch: "\"1\""))
            .JsonAsync(HttpStatusCode.OK);

        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator, new { name = "lost", model = "m" }, ifMatch: "\"1\""))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await Client.SendAsync(HttpMethod.Delete, $"/agents/{id}", Operator, ifMatch: "\"1\"")).ProblemAsync(HttpStatusCode.Conflict);

        var agent = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        Assert.That(agent.GetProperty("name").GetString(), Is.EqualTo("second"));
    }
}
