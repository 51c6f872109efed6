using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Limits;

public sealed class When_one_address_logs_in_too_often
{
    [Test]
    public async Task Should_answer_429_problem_whatever_the_user_names()
    {
        await using var platform = await AuthPlatform.StartAsync(new Dictionary<string, string?> { ["Auth:LoginsPerMinutePerAddress"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            await (await platform.Client.LoginAsync(AuthApi.NewUserName(), "wrong-password")).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await platform.Client.LoginAsync(AuthApi.NewUserName(), "wrong-password")).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That((await platform.Client.SendAsync(HttpMethod.Get, "/.well-known/jwks.json")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "only logins are limited");
    }
}
