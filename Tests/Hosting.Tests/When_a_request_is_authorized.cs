using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Hosting.Tests;

public class When_a_request_is_authorized
{
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_answer_401_problem_without_a_token()
    {
        var response = await _service.GetAsync("/protected");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Should_answer_401_problem_for_a_token_signed_with_another_key()
    {
        var foreign = TestTokenAuthority.Shared.IssueWithAnotherKey("mallory", PlatformRoles.Admin);

        var response = await _service.SendAsync(HttpMethod.Get, "/protected", foreign);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("Authorization", "ApiKey alk_00000000000000000000000000000000_never-issued")]
    [TestCase("X-Api-Key", "alk_00000000000000000000000000000000_never-issued")]
    [TestCase("X-Api-Key", "not-an-api-key")]
    public async Task Should_answer_401_problem_for_an_api_key_nobody_was_given(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await _service.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    /// <summary>Regression: any X-Api-Key header, even an empty one, sent the request to the API key scheme: 401.</summary>
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("alk_00000000000000000000000000000000_never-issued")]
    public async Task Should_let_a_valid_bearer_token_win_over_an_api_key_header_next_to_it(string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/viewer");
        request.Headers.Authorization = new("Bearer", _service.TokenFor(PlatformRoles.Viewer));
        request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);

        var response = await _service.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Should_take_a_blank_api_key_header_alone_for_no_credential(string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);

        var response = await _service.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("/viewer", PlatformRoles.Viewer)]
    [TestCase("/viewer", PlatformRoles.Operator)]
    [TestCase("/viewer", PlatformRoles.Admin)]
    [TestCase("/operator", PlatformRoles.Operator)]
    [TestCase("/operator", PlatformRoles.Admin)]
    [TestCase("/admin", PlatformRoles.Admin)]
    [TestCase("/protected", "any-authenticated-user")]
    public async Task Should_answer_200_with_a_role_the_policy_accepts(string path, string role)
    {
        var response = await _service.GetAsync(path, role);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/viewer", "guest")]
    [TestCase("/operator", PlatformRoles.Viewer)]
    [TestCase("/admin", PlatformRoles.Operator)]
    [TestCase("/admin", PlatformRoles.Viewer)]
    public async Task Should_answer_403_problem_with_a_role_the_policy_refuses(string path, string role)
    {
        var response = await _service.GetAsync(path, role);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Should_know_the_caller_by_the_tokens_subject_and_accept_several_roles()
    {
        var response = await _service.GetAsync(CallerEndpoint.Path, PlatformRoles.Viewer, PlatformRoles.Admin);

        var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(caller.GetProperty("subject").GetString(), Is.EqualTo("test-user"));
        Assert.That(caller.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { PlatformRoles.Viewer, PlatformRoles.Admin }));
        Assert.That((await _service.GetAsync("/admin", PlatformRoles.Viewer, PlatformRoles.Admin)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
