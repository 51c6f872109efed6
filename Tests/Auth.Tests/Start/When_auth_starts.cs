using System.Net;
using AgentLightning.Auth.Keys;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Auth.Tests.Start;

public sealed class When_auth_starts
{
    [Test]
    public async Task Should_create_one_admin_when_two_instances_start_together_on_an_empty_database()
    {
        await using var platform = await AuthPlatform.StartAsync();
        await platform.Database.ExecuteAsync("DELETE FROM users");
        var settings = platform.AuthSettings();

        var instances = await Task.WhenAll(AuthHost.StartAuthAsync(settings), AuthHost.StartAuthAsync(settings));
        try
        {
            Assert.That(await platform.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'admin'"), Is.EqualTo(1));
            await (await instances[1].Client.LoginAsync("admin", AuthPlatform.AdminPassword)).JsonAsync(HttpStatusCode.OK);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Should_fail_with_a_clear_message_when_an_admin_is_needed_and_no_password_is_set()
    {
        await using var platform = await AuthPlatform.StartAsync();
        await platform.Database.ExecuteAsync("DELETE FROM users");
        var settings = platform.AuthSettings(new Dictionary<string, string?> { ["AGENTLIGHTNING_ADMIN_PASSWORD"] = null });

        var failure = Assert.CatchAsync(() => AuthHost.StartAuthAsync(settings));

        Assert.That(failure!.Message, Does.Contain("AGENTLIGHTNING_ADMIN_PASSWORD"));
    }

    [Test]
    public async Task Should_fail_with_a_clear_message_without_a_key_directory()
    {
        await using var platform = await AuthPlatform.StartAsync();

        var failure = Assert.CatchAsync(() => AuthHost.StartAuthAsync(platform.AuthSettings(new Dictionary<string, string?> { ["Auth:KeyDirectory"] = "" })));

        Assert.That(failure!.Message, Does.Contain("Auth:KeyDirectory is required"));
    }

    [Test]
    public async Task Should_publish_its_keys_without_their_private_part()
    {
        await using var platform = await AuthPlatform.StartAsync();

        var discovery = await (await platform.Client.SendAsync(HttpMethod.Get, "/.well-known/openid-configuration")).JsonAsync(HttpStatusCode.OK);
        var jwks = await (await platform.Client.GetAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!))).JsonAsync(HttpStatusCode.OK);

        var key = jwks.GetProperty("keys")[0];
        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo("agent-lightning"));
            Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo("ES256"));
            Assert.That(key.TryGetProperty("d", out _), Is.False);
            Assert.That(Directory.GetFiles(platform.KeyDirectory, "*.json"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Should_keep_its_private_keys_readable_by_its_own_user_only()
    {
        await using var platform = await AuthPlatform.StartAsync();

        platform.Auth.Services.GetRequiredService<SigningKeyStore>().Rotate();

        var files = Directory.GetFiles(platform.KeyDirectory);
        Assert.That(files, Has.Length.EqualTo(2));
        Assert.That(files.Select(File.GetUnixFileMode), Is.All.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }
}
