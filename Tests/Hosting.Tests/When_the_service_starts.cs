using Microsoft.Extensions.Options;

namespace AgentLightning.Hosting.Tests;

public class When_the_service_starts
{
    [TestCase("", "Auth:Authority is required")]
    [TestCase("auth.example", "Auth:Authority must be an absolute http(s) address")]
    [TestCase("http://auth.example:8001", "Auth:Authority must use https unless it is a loopback address")]
    public async Task Should_fail_with_a_clear_message_without_a_usable_authority(string authority, string message)
    {
        await using var app = TestService.Build(new Dictionary<string, string?> { ["Auth:Authority"] = authority });

        var failure = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public async Task Should_accept_a_plain_http_authority_on_a_private_network_only_when_told()
    {
        await using var app = TestService.Build(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "http://auth:8001",
            ["Auth:AllowHttpOnPrivateNetwork"] = "true",
        });

        await app.StartAsync();
        await app.StopAsync();
    }

    [Test]
    public async Task Should_fail_when_the_service_name_is_not_kebab_case()
    {
        await using var app = TestService.Build(new Dictionary<string, string?> { ["Service:Name"] = "Agent Designer" });

        var failure = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Service:Name must be kebab-case"));
    }
}
