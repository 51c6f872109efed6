using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_another_service_is_called
{
    private static HttpClient Service => SharedPlatform.Platform.Validator.Client;

    [Test]
    public async Task Should_answer_401_without_a_token()
    {
        await (await Service.SendAsync(HttpMethod.Get, "/viewer")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_answer_403_to_a_viewer_writing_and_200_to_an_operator()
    {
        var viewer = await TokenForNewUserAsync(PlatformRoles.Viewer);
        var @operator = await TokenForNewUserAsync(PlatformRoles.Operator);

        await (await Service.SendAsync(HttpMethod.Post, "/operator", viewer)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await Service.SendAsync(HttpMethod.Post, "/operator", @operator)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_refuse_a_token_signed_with_any_other_key()
    {
        // Right issuer, audience and claims; a key Auth never published, once with a key id Auth does not know, once naming Auth's key.
        var foreign = TestTokenAuthority.Shared.Issue("mallory", PlatformRoles.Admin);
        var jwks = await (await SharedPlatform.Client.SendAsync(HttpMethod.Get, "/.well-known/jwks.json")).JsonAsync(HttpStatusCode.OK);
        var forged = TestTokenAuthority.Forge(jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!, "mallory", PlatformRoles.Admin);

        await (await Service.SendAsync(HttpMethod.Get, "/admin", foreign)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Service.SendAsync(HttpMethod.Get, "/admin", forged)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await SharedPlatform.Client.SendAsync(HttpMethod.Get, "/users", foreign)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> TokenForNewUserAsync(string role)
    {
        var name = AuthApi.NewUserName();
        await SharedPlatform.Client.CreateUserAsync(SharedPlatform.AdminToken, name, role);
        return (await SharedPlatform.Client.TokensAsync(name, "a-long-enough-password")).AccessToken;
    }
}
