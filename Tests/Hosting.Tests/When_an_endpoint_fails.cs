using System.Net;
using System.Net.Http.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Hosting.Tests;

public class When_an_endpoint_fails
{
    private readonly CapturedLogs _logs = new();
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync(configure: builder => builder.Logging.AddProvider(_logs));

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [TestCase("not-found", HttpStatusCode.NotFound)]
    [TestCase("conflict", HttpStatusCode.Conflict)]
    [TestCase("bad-request", HttpStatusCode.BadRequest)]
    [TestCase("json", HttpStatusCode.BadRequest)]
    [TestCase("format", HttpStatusCode.BadRequest)]
    [TestCase("argument", HttpStatusCode.BadRequest)]
    [TestCase("validation", HttpStatusCode.BadRequest)]
    public async Task Should_map_the_exception_to_a_problem_with_its_status(string kind, HttpStatusCode status)
    {
        var response = await _service.GetAsync($"/throw/{kind}", PlatformRoles.Viewer);

        var problem = await response.ProblemAsync(status);
        Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Should_answer_500_with_a_generic_problem_that_reveals_nothing()
    {
        var response = await _service.GetAsync("/throw/unexpected", PlatformRoles.Viewer);

        var problem = await response.ProblemAsync(HttpStatusCode.InternalServerError);
        var text = problem.GetRawText();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("An unexpected error occurred."));
            Assert.That(problem.TryGetProperty("detail", out _), Is.False);
            Assert.That(text, Does.Not.Contain("Secret").And.Not.Contain("InvalidOperationException").And.Not.Contain(" at "));
        });
    }

    [Test]
    public async Task Should_log_the_unexpected_exception_with_its_stack_trace()
    {
        await _service.GetAsync("/throw/unexpected", PlatformRoles.Viewer);

        Assert.That(_logs.Entries, Has.Some.Matches<(string Category, LogLevel Level, string Message, Exception? Exception)>(entry =>
            entry.Level == LogLevel.Error && entry.Exception?.Message == TestEndpoints.SecretMessage));
    }

    [Test]
    public async Task Should_answer_400_problem_for_a_malformed_body()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        var response = await _service.SendAsync(HttpMethod.Post, "/echo", _service.TokenFor(PlatformRoles.Viewer), content);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Should_still_serve_a_well_formed_body()
    {
        using var content = JsonContent.Create(new TestEndpoints.Payload("agent"));

        var response = await _service.SendAsync(HttpMethod.Post, "/echo", _service.TokenFor(PlatformRoles.Viewer), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
