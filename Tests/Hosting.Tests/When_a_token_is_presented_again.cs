using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLightning.Hosting.Tests;

/// <summary>
/// A token's signature is verified once, not on every request (ECDSA was a large share of a cached read's CPU), and
/// the shortcut never accepts what a full validation would refuse: an expired token, or one checked against keys
/// that Auth's published key set has since replaced.
/// </summary>
[NonParallelizable]
public class When_a_token_is_presented_again
{
    private TestTokenAuthority _authority = null!;
    private TestService _service = null!;

    [SetUp]
    public async Task Start()
    {
        _authority = await TestTokenAuthority.StartAsync();
        _service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = _authority.Authority,
            ["Auth:MetadataRefreshInterval"] = "00:00:01",
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Test]
    public async Task Should_verify_its_signature_once()
    {
        var token = _authority.Issue("reader", PlatformRoles.Viewer);
        var before = Tokens().Verified;

        for (var i = 0; i < 5; i++)
        {
            Assert.That((await Get(token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(Tokens().Verified - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_verify_every_refused_token_again()
    {
        var forged = _authority.IssueWithAnotherKey("mallory", PlatformRoles.Admin);
        var before = Tokens().Verified;

        Assert.That((await Get(forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Get(forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Tokens().Verified - before, Is.EqualTo(2));
    }

    /// <summary>The validation allows 30 s of clock skew: a token that expired 28 s ago is accepted for two more seconds.</summary>
    [Test]
    public async Task Should_refuse_it_once_it_has_expired()
    {
        var token = _authority.IssueExpiringAt(DateTime.UtcNow.AddSeconds(-28), "reader", PlatformRoles.Viewer);
        Assert.That((await Get(token)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "accepted within the skew");

        await Eventually.Until(async () => (await Get(token)).StatusCode == HttpStatusCode.Unauthorized,
            "the remembered token is refused once it has expired", TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// What a full validation then answers is IdentityModel's (it was seen still accepting the dropped key, most likely
    /// from its last known good configuration), so this checks that the shortcut is not taken, not the status.
    /// </summary>
    [Test]
    public async Task Should_verify_it_again_once_the_keys_are_fetched_again()
    {
        var old = _authority.Issue("reader", PlatformRoles.Viewer);
        Assert.That((await Get(old)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _authority.Rotate();
        var current = _authority.Issue("reader", PlatformRoles.Viewer);

        // The new key id is unknown to the service: it fetches Auth's keys again.
        await Eventually.Until(async () => (await Get(current)).StatusCode == HttpStatusCode.OK, "the new key is fetched", TimeSpan.FromSeconds(10));
        var before = Tokens().Verified;
        await Get(old);
        Assert.That(Tokens().Verified - before, Is.EqualTo(1));
    }

    private Task<HttpResponseMessage> Get(string token) => _service.SendAsync(HttpMethod.Get, "/viewer", token);

    private ValidatedTokens Tokens() => _service.App.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
        .Get(PlatformSchemes.Bearer).TokenHandlers.OfType<ValidatedTokens>().Single();
}
