using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;

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
