using System.Net;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Http;

/// <summary>Bad input on every POST and PUT is a 4xx problem document, never a 500.</summary>
public sealed class When_a_request_is_invalid
{
    private string _agent = "";
    private Guid _task;
    private Guid _workflow;

    private static HttpClient Client => Platform.Client;

    [OneTimeSetUp]
    public async Task CreateTargets()
    {
        _agent = await Platform.AgentAsync();
        _task = await CreateTaskIdAsync(_agent);
        _workflow = await CreateWorkflowAsync(Step("one", _agent));
    }

    private static readonly string[] BadBodies =
    [
        "{\"agentId\":",
        "[1, 2]",
        "null",
        "{\"name\":5,\"agentId\":5,\"description\":[],\"steps\":\"x\",\"context\":\"x\"}",
        "{\"priority\":\"high\",\"timeoutSeconds\":\"x\"}",
        "{}",
    ];

    [Test]
    public async Task Should_answer_400_to_malformed_json_wrong_types_and_missing_fields_on_every_post_and_put()
    {
        foreach (var (method, path) in new[]
        {
            ("POST", "/tasks"), ("POST", "/workflows"), ("PUT", $"/workflows/{_workflow}"),
        })
        {
            foreach (var body in BadBodies)
            {
                await Client.RawAsync(method, path, Operator, body).ProblemAsync(HttpStatusCode.BadRequest);
            }
        }

        foreach (var body in new[] { "{\"context\":", "[1]", "{\"context\":[1]}", "{\"context\":\"x\"}" })
        {
            await Client.RawAsync("POST", $"/workflows/{_workflow}/runs", Operator, body).ProblemAsync(HttpStatusCode.BadRequest);
        }

        foreach (var body in new[] { "{\"reason\":", "[1]", "{\"reason\":5}" })
        {
            await Client.RawAsync("POST", $"/tasks/{_task}/cancel", Operator, body).ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [TestCase("{\"agentId\":\"Not A Slug\",\"description\":\"d\"}", "agentId")]
    [TestCase("{\"agentId\":\"a-1\"}", "description")]
    [TestCase("{\"agentId\":\"a-1\",\"description\":\"d\",\"priority\":100000}", "priority")]
    [TestCase("{\"agentId\":\"a-1\",\"description\":\"d\",\"context\":[1]}", "context")]
    public async Task Should_name_the_bad_field_of_a_task(string json, string field) =>
        Assert.That((await Client.RawAsync("POST", "/tasks", Operator, json).ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain(field));

    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=x")]
    [TestCase("after=not-a-cursor")]
    [TestCase("status=sleeping")]
    [TestCase("agentId=Not_A_Slug")]
    public async Task Should_answer_400_to_a_bad_list_query(string query) =>
        await Client.CallAsync("GET", $"/tasks?{query}", Viewer).ProblemAsync(HttpStatusCode.BadRequest);

    [TestCase("POST", "/tasks/5d0f6a3e-0000-4000-8000-000000000000/cancel")]
    [TestCase("GET", "/workflows/5d0f6a3e-0000-4000-8000-000000000000")]
    [TestCase("DELETE", "/workflows/5d0f6a3e-0000-4000-8000-000000000000")]
    [TestCase("POST", "/workflows/5d0f6a3e-0000-4000-8000-000000000000/runs")]
    public async Task Should_answer_404_for_what_does_not_exist(string method, string path) =>
        await Client.CallAsync(method, path, Operator, method == "POST" ? new { } : null).ProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task Should_answer_404_to_a_put_of_a_workflow_that_does_not_exist() =>
        await Client.CallAsync("PUT", $"/workflows/{Guid.NewGuid()}", Operator, WorkflowBody(Step("one", _agent))).ProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task Should_answer_401_without_a_token_and_403_to_a_viewer_that_writes()
    {
        await Client.CallAsync("POST", "/tasks", null, TaskBody(_agent)).ProblemAsync(HttpStatusCode.Unauthorized);
        await Client.CallAsync("POST", "/tasks", Viewer, TaskBody(_agent)).ProblemAsync(HttpStatusCode.Forbidden);
        await Client.CallAsync("POST", $"/workflows/{_workflow}/runs", Viewer, new { }).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
