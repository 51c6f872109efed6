using AgentLightning.Auth.Keys;
using AgentLightning.Auth.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Tests.Keys;

public sealed class When_keys_are_maintained_on_schedule
{
    private static readonly AuthServerOptions Settings = new()
    {
        KeyPublishLead = TimeSpan.FromMinutes(10),
        KeyRotationInterval = TimeSpan.FromDays(30),
        AccessTokenLifetime = TimeSpan.FromMinutes(15),
    };

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("al-auth-keys-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Should_rotate_when_due_switch_after_the_lead_and_forget_the_old_key_after_its_last_token()
    {
        var store = Store();
        var first = store.Signing();

        _clock.Now += Settings.KeyRotationInterval - Settings.KeyPublishLead - TimeSpan.FromMinutes(1);
        store.Maintain();
        Assert.That(store.Published(), Has.Count.EqualTo(1), "not due yet");

        _clock.Now += TimeSpan.FromMinutes(1);
        store.Maintain();
        var published = store.Published();
        Assert.That(published, Has.Count.EqualTo(2), "the new key is published ahead");
        Assert.That(store.Signing().Kid, Is.EqualTo(first.Kid), "the old key signs during the lead");

        _clock.Now += Settings.KeyPublishLead;
        var second = store.Signing();
        Assert.That(second.Kid, Is.Not.EqualTo(first.Kid));

        _clock.Now += Settings.AccessTokenLifetime;
        store.Maintain();
        Assert.That(store.Published().Select(k => k.Kid), Does.Contain(first.Kid), "its last token may still be valid");

        _clock.Now += KeyTimeline.Skew;
        store.Maintain();
        Assert.That(store.Published().Select(k => k.Kid), Is.EqualTo(new[] { second.Kid }));
        Assert.That(Directory.GetFiles(_directory, "*.json"), Has.Length.EqualTo(1));
    }

    [Test]
    public void Should_share_keys_with_another_instance_using_the_same_directory()
    {
        var one = Store();
        var other = Store();

        var rotated = one.Rotate();

        Assert.That(other.Published().Select(k => k.Kid), Does.Contain(rotated.Kid));
        Assert.That(other.Rotate().Kid, Is.EqualTo(rotated.Kid), "a rotation under way is not started twice");
    }

    private SigningKeyStore Store() => new(
        Options.Create(new AuthServerOptions
        {
            KeyDirectory = _directory,
            KeyPublishLead = Settings.KeyPublishLead,
            KeyRotationInterval = Settings.KeyRotationInterval,
            AccessTokenLifetime = Settings.AccessTokenLifetime,
        }),
        _clock, NullLogger<SigningKeyStore>.Instance);
}
