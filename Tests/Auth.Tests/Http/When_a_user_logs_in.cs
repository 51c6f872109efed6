using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_a_user_logs_in
{
    private static HttpClient Client => SharedPlatform.Client;

    [Test]
    public async Task Should_answer_an_es256_token_that_another_service_accepts()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        var tokens = await Client.TokensAsync(name, "a-long-enough-password");

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Alg, Is.EqualTo("ES256"));
            Assert.That(jwt.GetClaim("name").Value, Is.EqualTo(name));
            Assert.That(jwt.GetClaim("role").Value, Is.EqualTo(PlatformRoles.Viewer));
            Assert.That(tokens.ExpiresIn, Is.EqualTo(900));
            Assert.That(tokens.RefreshToken, Has.Length.GreaterThanOrEqualTo(43));
        });
        var response = await SharedPlatform.Platform.Validator.Client.SendAsync(HttpMethod.Get, "/viewer", tokens.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_treat_the_user_name_case_insensitively()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        await (await Client.LoginAsync(name.ToUpperInvariant(), "a-long-enough-password")).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Should_refuse_a_wrong_password_and_an_unknown_user_alike()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        var wrong = await (await Client.LoginAsync(name, "not-the-password!")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await Client.LoginAsync(AuthApi.NewUserName(), "not-the-password!")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.That(unknown.GetProperty("detail").GetString(), Is.EqualTo(wrong.GetProperty("detail").GetString()));
    }

    [Test]
    public async Task Should_never_log_the_password()
    {
        const string password = "p4ssw0rd-that-must-not-leak";
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer, password);

        await Client.LoginAsync(name, password);
        await Client.LoginAsync(name, password + "-wrong");
        await Client.SendTextAsync(HttpMethod.Post, "/auth/login", null, $$"""{"username": "{{name}}", "password": "{{password}}", """);

        var entries = SharedPlatform.Platform.Logs.Entries.ToList();
        Assert.That(entries.Where(e => e.Message.Contains(name, StringComparison.Ordinal)), Is.Not.Empty, "the logins were logged");
        Assert.That(entries.Where(e => e.Message.Contains("p4ssw0rd", StringComparison.Ordinal) || (e.Exception?.ToString().Contains("p4ssw0rd", StringComparison.Ordinal) ?? false)), Is.Empty);
    }
}
