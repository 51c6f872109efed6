using System.Net;
using System.Text;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Hosting.Tests;

/// <summary>Kestrel's own limit is 30 MB; no body of the platform's APIs needs more than a megabyte.</summary>
public class When_a_request_body_is_too_large
{
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_refuse_a_body_over_a_megabyte_with_a_413_problem()
    {
        var body = new StringContent($$"""{"name": "{{new string('x', 1024 * 1024)}}"}""", Encoding.UTF8, "application/json");

        var response = await _service.SendAsync(HttpMethod.Post, "/echo", _service.TokenFor(PlatformRoles.Operator), body);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Should_accept_a_body_under_the_limit()
    {
        var body = new StringContent($$"""{"name": "{{new string('x', 512 * 1024)}}"}""", Encoding.UTF8, "application/json");

        var response = await _service.SendAsync(HttpMethod.Post, "/echo", _service.TokenFor(PlatformRoles.Operator), body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
