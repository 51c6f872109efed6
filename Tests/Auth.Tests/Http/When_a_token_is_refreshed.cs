using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_a_token_is_refreshed
{
    private static HttpClient Client => SharedPlatform.Client;

    [Test]
    public async Task Should_rotate_the_refresh_token_and_answer_a_working_access_token()
    {
        var first = await LoginAsNewUserAsync();

        var second = await RefreshAsync(first.RefreshToken);

        Assert.That(second.RefreshToken, Is.Not.EqualTo(first.RefreshToken));
        var third = await RefreshAsync(second.RefreshToken);
        var response = await SharedPlatform.Platform.Validator.Client.SendAsync(HttpMethod.Get, "/viewer", third.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_revoke_the_whole_family_when_a_used_refresh_token_comes_back()
    {
        var first = await LoginAsNewUserAsync();
        var second = await RefreshAsync(first.RefreshToken);

        await (await Refresh(first.RefreshToken)).ProblemAsync(HttpStatusCode.Unauthorized);

        // The legitimate holder's newer token dies with the family: the thief cannot go on either way.
        await (await Refresh(second.RefreshToken)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_let_only_one_of_two_concurrent_refreshes_win()
    {
        var first = await LoginAsNewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Refresh(first.RefreshToken)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public async Task Should_refuse_the_refresh_token_after_logout_and_leave_other_logins_alone()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);
        var phone = await Client.TokensAsync(name, "a-long-enough-password");
        var laptop = await Client.TokensAsync(name, "a-long-enough-password");

        var logout = await Client.SendAsync(HttpMethod.Post, "/auth/logout", body: new { refreshToken = phone.RefreshToken });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Refresh(phone.RefreshToken)).ProblemAsync(HttpStatusCode.Unauthorized);
        await RefreshAsync(laptop.RefreshToken);
    }

    [Test]
    public async Task Should_refuse_an_unknown_refresh_token()
    {
        await (await Refresh("not-a-token-anyone-was-given")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<Tokens> LoginAsNewUserAsync()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);
        return await Client.TokensAsync(name, "a-long-enough-password");
    }

    private static Task<HttpResponseMessage> Refresh(string refreshToken) =>
        Client.SendAsync(HttpMethod.Post, "/auth/refresh", body: new { refreshToken });

    private static async Task<Tokens> RefreshAsync(string refreshToken)
    {
        var body = await (await Refresh(refreshToken)).JsonAsync(HttpStatusCode.OK);
        return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("expiresIn").GetInt32());
    }
}
