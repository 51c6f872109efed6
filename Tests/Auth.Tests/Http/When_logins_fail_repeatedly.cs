using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_logins_fail_repeatedly
{
    private const string Password = "a-long-enough-password";

    private static HttpClient Client => SharedPlatform.Client;

    [Test]
    public async Task Should_lock_the_account_in_the_database_so_even_the_right_password_is_refused()
    {
        var name = AuthApi.NewUserName();
        var id = await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        for (var i = 0; i < SharedPlatform.MaxFailedLogins; i++)
        {
            await (await Client.LoginAsync(name, "wrong-password-" + i)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await Client.LoginAsync(name, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        var lockedFor = await SharedPlatform.Platform.Database.ScalarAsync<double>(
            $"SELECT EXTRACT(EPOCH FROM locked_until - now())::float8 FROM users WHERE id = '{id}'");
        Assert.That(lockedFor, Is.GreaterThan(55 * 60));
    }

    [Test]
    public async Task Should_check_no_more_passwords_than_the_limit_when_guesses_arrive_at_once()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        // A burst is checked in parallel: each guess must take its place in the count before its password is checked.
        var answers = await Task.WhenAll(Enumerable.Range(0, SharedPlatform.LoginsPerMinutePerUser)
            .Select(i => Client.LoginAsync(name, "wrong-password-" + i)));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        var checkedPasswords = SharedPlatform.Platform.Logs.Entries.Count(e => e.Message == $"Login refused for {name}: wrong password");
        Assert.That(checkedPasswords, Is.EqualTo(SharedPlatform.MaxFailedLogins));
        Assert.That(await SharedPlatform.Platform.Database.ScalarAsync<bool>($"SELECT locked_until > now() FROM users WHERE user_name = '{name}'"), Is.True);
    }

    [Test]
    public async Task Should_start_counting_again_after_a_successful_login()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < SharedPlatform.MaxFailedLogins - 1; i++)
            {
                await (await Client.LoginAsync(name, "wrong-password")).ProblemAsync(HttpStatusCode.Unauthorized);
            }

            await (await Client.LoginAsync(name, Password)).JsonAsync(HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task Should_answer_429_after_too_many_logins_for_one_user_in_a_minute()
    {
        var name = AuthApi.NewUserName();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SharedPlatform.LoginsPerMinutePerUser; i++)
        {
            statuses.Add((await Client.LoginAsync(name, "wrong-password")).StatusCode);
        }

        Assert.That(statuses[..^1], Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await (await Client.LoginAsync(name, "wrong-password")).ProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
