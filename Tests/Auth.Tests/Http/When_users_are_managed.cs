using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_users_are_managed
{
    private static HttpClient Client => SharedPlatform.Client;

    private static UserEventLog Events => SharedPlatform.Platform.Events;

    [Test]
    public async Task Should_publish_UserRegistered_when_a_user_is_created()
    {
        var name = AuthApi.NewUserName();

        var id = await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Operator);

        await Eventually.Until(() => Events.Of<UserRegistered>(id).Count == 1, "UserRegistered arrived");
        var registered = Events.Of<UserRegistered>(id)[0];
        Assert.Multiple(() =>
        {
            Assert.That(registered.UserName, Is.EqualTo(name));
            Assert.That(registered.Role, Is.EqualTo(PlatformRoles.Operator));
            Assert.That(registered.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_publish_UserRoleChanged_and_issue_the_new_role_at_the_next_login()
    {
        var name = AuthApi.NewUserName();
        var id = await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);

        var changed = await (await Client.SendAsync(HttpMethod.Put, $"/users/{id}/role", SharedPlatform.AdminToken, new { role = PlatformRoles.Operator }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(changed.GetProperty("role").GetString(), Is.EqualTo(PlatformRoles.Operator));
        await Eventually.Until(() => Events.Of<UserRoleChanged>(id).Count == 1, "UserRoleChanged arrived");
        Assert.That(Events.Of<UserRoleChanged>(id)[0].PreviousRole, Is.EqualTo(PlatformRoles.Viewer));
        var token = (await Client.TokensAsync(name, "a-long-enough-password")).AccessToken;
        Assert.That((await SharedPlatform.Platform.Validator.Client.SendAsync(HttpMethod.Post, "/operator", token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_publish_UserDeactivated_and_refuse_the_users_login_and_refresh()
    {
        var name = AuthApi.NewUserName();
        var id = await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);
        var tokens = await Client.TokensAsync(name, "a-long-enough-password");

        await (await Client.SendAsync(HttpMethod.Post, $"/users/{id}/deactivate", SharedPlatform.AdminToken)).JsonAsync(HttpStatusCode.OK);

        await Eventually.Until(() => Events.Of<UserDeactivated>(id).Count == 1, "UserDeactivated arrived");
        await (await Client.LoginAsync(name, "a-long-enough-password")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client.SendAsync(HttpMethod.Post, "/auth/refresh", body: new { refreshToken = tokens.RefreshToken })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_list_users_a_page_at_a_time()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateUserAsync(SharedPlatform.AdminToken, AuthApi.NewUserName(), PlatformRoles.Viewer);
        }

        var first = await (await Client.SendAsync(HttpMethod.Get, "/users?limit=2", SharedPlatform.AdminToken)).JsonAsync(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        var second = await (await Client.SendAsync(HttpMethod.Get, $"/users?limit=2&after={next}", SharedPlatform.AdminToken)).JsonAsync(HttpStatusCode.OK);

        var names = first.GetProperty("users").EnumerateArray().Concat(second.GetProperty("users").EnumerateArray())
            .Select(u => u.GetProperty("username").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(names, Is.Unique.And.Ordered);
            Assert.That(names, Has.Count.EqualTo(4));
            Assert.That(first.GetProperty("users")[0].TryGetProperty("passwordHash", out _), Is.False);
        });
    }

    [Test]
    public async Task Should_answer_409_for_a_taken_user_name_and_for_demoting_the_last_admin()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Viewer);
        var admin = await (await Client.SendAsync(HttpMethod.Get, "/users?limit=1000", SharedPlatform.AdminToken)).JsonAsync(HttpStatusCode.OK);
        var adminId = admin.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("username").GetString() == "admin").GetProperty("id").GetGuid();

        await (await Client.SendAsync(HttpMethod.Post, "/users", SharedPlatform.AdminToken,
            new { username = name, email = "other@example.com", password = "a-long-enough-password", role = "viewer" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await Client.SendAsync(HttpMethod.Put, $"/users/{adminId}/role", SharedPlatform.AdminToken, new { role = "viewer" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Should_let_only_admins_manage_users()
    {
        var name = AuthApi.NewUserName();
        await Client.CreateUserAsync(SharedPlatform.AdminToken, name, PlatformRoles.Operator);
        var token = (await Client.TokensAsync(name, "a-long-enough-password")).AccessToken;

        await (await Client.SendAsync(HttpMethod.Get, "/users", token)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Client.SendAsync(HttpMethod.Post, "/users", token,
            new { username = AuthApi.NewUserName(), email = "x@example.com", password = "a-long-enough-password", role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
