using System.Net;
using System.Net.Http.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Security;

[TestFixture]
public sealed class When_a_user_signs_in
{
    private static HttpClient Auth => SharedPlatform.Platform.Auth.Client;

    [Test]
    public async Task Should_rotate_the_refresh_token_and_revoke_its_family_when_an_old_one_comes_back()
    {
        var first = await Session.LoginAsync(Auth, "admin", SharedPlatform.Platform.AdminPassword);

        var second = await RefreshAsync(first.RefreshToken, HttpStatusCode.OK);
        Assert.That(second!.RefreshToken, Is.Not.EqualTo(first.RefreshToken), "a refresh gives a new refresh token");

        // The old token again: someone else holds a copy, so the whole family goes, the newest token included.
        await RefreshAsync(first.RefreshToken, HttpStatusCode.Unauthorized);
        await RefreshAsync(second.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_refuse_the_refresh_token_after_logout()
    {
        var session = await Session.LoginAsync(Auth, "admin", SharedPlatform.Platform.AdminPassword);

        using (var logout = await Auth.SendAsync(HttpMethod.Post, "/auth/logout", session.AccessToken, new { refreshToken = session.RefreshToken }))
        {
            Assert.That((int)logout.StatusCode, Is.InRange(200, 299), await logout.Content.ReadAsStringAsync());
        }

        await RefreshAsync(session.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_refuse_a_wrong_password_with_a_problem()
    {
        using var response = await Auth.PostAsJsonAsync("/auth/login", new { username = "admin", password = "not-the-password" });

        var problem = await response.ClientProblemAsync("a wrong password");
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(401));
    }

    private static async Task<Session?> RefreshAsync(string refreshToken, HttpStatusCode expected)
    {
        using var response = await Auth.PostAsJsonAsync("/auth/refresh", new { refreshToken });
        if (expected == HttpStatusCode.OK)
        {
            return Session.From(await response.JsonAsync(expected));
        }

        var problem = await response.ClientProblemAsync("a refused refresh");
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
        return null;
    }
}
