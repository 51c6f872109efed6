using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Http;

public sealed class When_an_integration_request_is_invalid
{
    private static HttpClient Operator => SharedHub.App.As(PlatformRoles.Operator);

    private static IEnumerable<TestCaseData> BadCreations()
    {
        yield return Case("no kind", new { name = "x", url = "http://127.0.0.1:9/", channels = new[] { "*" } }, "kind");
        yield return Case("an unknown kind", new { name = "x", kind = "carrier-pigeon", url = "http://127.0.0.1:9/", channels = new[] { "*" } }, "kind");
        yield return Case("no name", new { kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "*" } }, "name");
        yield return Case("a relative url", new { name = "x", kind = "webhook", url = "/hooks", channels = new[] { "*" } }, "url");
        yield return Case("an ftp url", new { name = "x", kind = "webhook", url = "ftp://a.example.com/", channels = new[] { "*" } }, "url");
        yield return Case("credentials in the url", new { name = "x", kind = "webhook", url = "https://u:p@a.example.com/", channels = new[] { "*" } }, "url");
        yield return Case("a webhook without channels", new { name = "x", kind = "webhook", url = "http://127.0.0.1:9/" }, "channel");
        yield return Case("a bad channel pattern", new { name = "x", kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "task/completed" } }, "channel pattern");
        yield return Case("a secret not in whsec_ form", new { name = "x", kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "*" }, secret = "hunter2" }, "whsec_");
        yield return Case("an auth header on a webhook", new { name = "x", kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "*" }, authHeaderValue = "k" }, "http");
        yield return Case("channels on an http integration", new { name = "x", kind = "http", url = "http://127.0.0.1:9/", channels = new[] { "*" } }, "webhook");
        yield return Case("an auth header name without value", new { name = "x", kind = "http", url = "http://127.0.0.1:9/", authHeaderName = "X-Key" }, "together");
        yield return Case("a negative cache ttl", new { name = "x", kind = "http", url = "http://127.0.0.1:9/", cacheTtlSeconds = -1 }, "cacheTtlSeconds");
    }

    [TestCaseSource(nameof(BadCreations))]
    public async Task Should_answer_400_when_created_with(object body, string mentioned)
    {
        var detail = await (await Operator.PostJsonAsync("/integrations", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(detail.Detail(), Does.Contain(mentioned).IgnoreCase);
    }

    [Test]
    public async Task Should_never_echo_a_refused_secret()
    {
        var detail = await (await Operator.PostJsonAsync("/integrations",
            new { name = "x", kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "*" }, secret = "whsec_c2hvcnQ=" })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(detail.Detail(), Does.Not.Contain("c2hvcnQ="));
    }

    [Test]
    public async Task Should_answer_400_for_a_body_that_is_not_json_and_a_bad_list_query()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        await (await Operator.PostAsync("/integrations", content)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Operator.GetAsync("/integrations?kind=pigeon")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Operator.GetAsync("/integrations?after=not-a-cursor")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Operator.GetAsync("/integrations?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_integration_and_409_for_a_stale_version_or_a_taken_id()
    {
        var body = new { id = Guid.NewGuid(), name = "x", kind = "webhook", url = "http://127.0.0.1:9/", channels = new[] { "*" } };
        await (await Operator.PostJsonAsync("/integrations", body)).JsonAsync(HttpStatusCode.Created);

        await (await Operator.PostJsonAsync("/integrations", body)).ProblemAsync(HttpStatusCode.Conflict);
        await (await Operator.PutJsonAsync($"/integrations/{body.id}", new { name = "y", url = "http://127.0.0.1:9/", channels = new[] { "*" } }, "\"7\""))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await Operator.GetAsync($"/integrations/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Operator.DeleteAsync($"/integrations/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://127.0.0.1:8002/agents")]
    [TestCase("http://10.0.0.5/hooks")]
    public async Task Should_answer_400_with_the_reason_when_the_outbound_guard_refuses_the_target(string url)
    {
        var detail = await (await Operator.PostJsonAsync("/integrations", new { name = "x", kind = "webhook", url, channels = new[] { "*" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(detail.Detail(), Does.Contain("refused"));
    }

    private static TestCaseData Case(string name, object body, string mentioned) => new TestCaseData(body, mentioned).SetArgDisplayNames(name);
}
