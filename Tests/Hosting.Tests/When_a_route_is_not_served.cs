using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Hosting.Tests;

public class When_a_route_is_not_served
{
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_answer_404_problem_for_an_unknown_route()
    {
        var response = await _service.GetAsync("/no/such/route", PlatformRoles.Viewer);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_answer_401_problem_for_an_unknown_route_without_a_token_so_routes_are_not_probed()
    {
        var response = await _service.GetAsync("/no/such/route");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_answer_405_problem_for_a_method_the_route_does_not_serve()
    {
        var response = await _service.SendAsync(HttpMethod.Delete, "/protected", _service.TokenFor(PlatformRoles.Viewer));

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Should_answer_a_problem_even_when_the_client_does_not_ask_for_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        request.Headers.Authorization = new("Bearer", _service.TokenFor(PlatformRoles.Viewer));
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _service.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
