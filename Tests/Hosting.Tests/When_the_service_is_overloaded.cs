using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Hosting.Tests;

/// <summary>
/// Regression: under overload (POST /tasks at 200-400/s on two cores) a request failed with what a store too slow for
/// the moment throws (a Redis timeout wrapped in an AggregateException by the lock's release), and answered 500.
/// Nothing is wrong with such a request: 503 with Retry-After, never a 500.
/// </summary>
public class When_the_service_is_overloaded
{
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [TestCase("redis-connection")]
    [TestCase("redis-timeout")]
    [TestCase("redis-wrapped")]
    [TestCase("pipeline-timeout")]
    [TestCase("breaker-open")]
    [TestCase("cancelled-inside")]
    public async Task Should_answer_503_problem_with_retry_after(string kind)
    {
        var response = await _service.GetAsync($"/throw/{kind}", PlatformRoles.Viewer);

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(problem.TryGetProperty("detail", out _), Is.False, "a store's failure is not the caller's to read");
        });
    }
}
