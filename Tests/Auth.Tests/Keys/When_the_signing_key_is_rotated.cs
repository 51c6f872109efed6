using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AgentLightning.Auth.Tests.Keys;

public sealed class When_the_signing_key_is_rotated
{
    private AuthPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start() => _platform = await AuthPlatform.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:KeyPublishLead"] = "00:00:03",
        ["Auth:LoginsPerMinutePerUser"] = "1000",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _platform.DisposeAsync();

    [Test]
    public async Task Should_publish_the_new_key_before_it_signs_and_keep_accepting_the_old_keys_tokens()
    {
        var before = await TokenAsync();
        var oldKid = new JsonWebToken(before).Kid;
        Assert.That(await StatusAsync(before), Is.EqualTo(HttpStatusCode.OK), "the validator has cached the old key");

        var rotation = await (await _platform.Client.SendAsync(HttpMethod.Post, "/auth/keys/rotate", await TokenAsync())).JsonAsync(HttpStatusCode.OK);
        var newKid = rotation.GetProperty("kid").GetString();

        Assert.That(await PublishedKidsAsync(), Is.EquivalentTo(new[] { oldKid, newKid }), "published at once");
        Assert.That(new JsonWebToken(await TokenAsync()).Kid, Is.EqualTo(oldKid), "not signing during the publish lead");

        await Eventually.Until(async () => new JsonWebToken(await TokenAsync()).Kid == newKid, "the new key signs", TimeSpan.FromSeconds(20));

        // The validator fetched the keys before the rotation and would not again for minutes; the unknown kid makes
        // it fetch them now (at most once per Auth:MetadataRefreshInterval, a second here), in the background.
        var fresh = await TokenAsync();
        await Eventually.Until(async () => await StatusAsync(fresh) == HttpStatusCode.OK, "the validator picked up the new kid", TimeSpan.FromSeconds(10));
        Assert.That(await StatusAsync(before), Is.EqualTo(HttpStatusCode.OK), "the old key's token is still good until it expires");
        Assert.That(await PublishedKidsAsync(), Does.Contain(oldKid));
    }

    [Test]
    public async Task Should_keep_its_keys_across_a_restart()
    {
        var token = await TokenAsync();

        await using var restarted = await AuthHost.StartAuthAsync(_platform.AuthSettings(new Dictionary<string, string?> { ["Auth:KeyPublishLead"] = "00:00:03" }));

        var response = await restarted.Client.SendAsync(HttpMethod.Get, "/users?limit=1", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<string> TokenAsync() => (await _platform.Client.TokensAsync("admin", AuthPlatform.AdminPassword)).AccessToken;

    private async Task<HttpStatusCode> StatusAsync(string token) => (await _platform.Validator.Client.SendAsync(HttpMethod.Get, "/viewer", token)).StatusCode;

    private async Task<List<string?>> PublishedKidsAsync()
    {
        var jwks = await (await _platform.Client.SendAsync(HttpMethod.Get, "/.well-known/jwks.json")).JsonAsync(HttpStatusCode.OK);
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString())];
    }
}
