using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Auth.Tests.Processes;

public sealed class When_auth_runs_as_a_process
{
    [Test]
    public async Task Should_start_as_run_sh_starts_it_and_answer_logins_with_tokens_it_accepts()
    {
        await using var platform = await AuthPlatform.StartAsync();
        var variables = platform.AuthSettings().Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

        await using var auth = await ServiceProcess.StartAsync("Auth", variables);

        var tokens = await auth.Client.TokensAsync("admin", AuthPlatform.AdminPassword);
        var users = await auth.Client.SendAsync(HttpMethod.Get, "/users?limit=1", tokens.AccessToken);
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), auth.Output);
    }
}
