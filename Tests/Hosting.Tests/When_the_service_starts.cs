using Microsoft.Extensions.Options;

namespace AgentLightning.Hosting.Tests;

public class When_the_service_starts
{
    [TestCase("", "Auth:SigningKey is required")]
    [TestCase("only-twenty-six-bytes-long", "Auth:SigningKey must be at least 32 bytes")]
    public async Task Should_fail_with_a_clear_message_without_a_usable_signing_key(string key, string message)
    {
        await using var app = TestService.Build(new Dictionary<string, string?> { ["Auth:SigningKey"] = key });

        var failure = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public async Task Should_fail_when_the_service_name_is_not_kebab_case()
    {
        await using var app = TestService.Build(new Dictionary<string, string?> { ["Service:Name"] = "Agent Designer" });

        var failure = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Service:Name must be kebab-case"));
    }

    [Test]
    public async Task Should_fail_when_the_token_lifetime_is_out_of_range()
    {
        await using var app = TestService.Build(new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "30.00:00:00" });

        var failure = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Auth:TokenLifetime"));
    }
}
