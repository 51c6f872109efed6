using AgentLightning.Auth.Keys;

namespace AgentLightning.Auth.Tests.Keys;

public sealed class When_the_key_timeline_is_followed
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private readonly SigningKey _old = SigningKey.Generate(T0, T0);
    private readonly SigningKey _new = SigningKey.Generate(T0.AddDays(30), T0.AddDays(30) + Lead);

    private IReadOnlyList<SigningKey> Keys => [_new, _old];

    [Test]
    public void Should_publish_the_new_key_while_the_old_one_still_signs()
    {
        var now = T0.AddDays(30).AddMinutes(1);

        Assert.That(KeyTimeline.Signing(Keys, now), Is.SameAs(_old));
        Assert.That(KeyTimeline.Published(Keys, now, TokenLifetime), Is.EquivalentTo(Keys));
    }

    [Test]
    public void Should_sign_with_the_new_key_after_the_lead_and_publish_the_old_until_its_last_token_expired()
    {
        var switched = _new.ActivatesAt;

        Assert.That(KeyTimeline.Signing(Keys, switched), Is.SameAs(_new));
        Assert.That(KeyTimeline.Published(Keys, switched + TokenLifetime, TokenLifetime), Is.EquivalentTo(Keys));
        Assert.That(KeyTimeline.Published(Keys, switched + TokenLifetime + KeyTimeline.Skew, TokenLifetime), Is.EqualTo(new[] { _new }));
    }

    [Test]
    public void Should_round_trip_a_key_through_its_file_without_changing_its_signatures()
    {
        var copy = SigningKey.From(_old.File);

        Assert.That(copy.PublicJwk(), Is.EqualTo(_old.PublicJwk()));
        Assert.That(_old.PublicJwk().ContainsKey("d"), Is.False);
    }
}
