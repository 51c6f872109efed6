using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;

namespace AgentLightning.Auth.Tests.Races;

public sealed class When_two_admins_are_removed_at_once
{
    private const int Rounds = 15;

    [Test]
    public async Task Should_keep_one_active_admin()
    {
        await using var platform = await AuthPlatform.StartAsync();
        var client = platform.Client;

        // The first admin's access token stays valid after its deactivation, so it can go on managing users.
        var token = (await client.TokensAsync("admin", AuthPlatform.AdminPassword)).AccessToken;
        var current = await platform.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE user_name = 'admin'");
        for (var round = 0; round < Rounds; round++)
        {
            var added = await client.CreateUserAsync(token, AuthApi.NewUserName(), PlatformRoles.Admin);

            // Each request alone sees another active admin; together they must not remove both.
            var answers = await Task.WhenAll(
                client.SendAsync(HttpMethod.Post, $"/users/{current}/deactivate", token),
                client.SendAsync(HttpMethod.Post, $"/users/{added}/deactivate", token));

            Assert.That(
                await platform.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'admin' AND active"), Is.EqualTo(1), $"round {round}");
            Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(1));
            current = answers[0].StatusCode == HttpStatusCode.Conflict ? current : added;
        }
    }
}
