using AgentLightning.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;

namespace AgentLightning.Messaging.Tests;

public sealed class When_retry_options_are_bound
{
    [Test]
    public void Should_replace_the_default_redeliveries_with_the_configured_ones()
    {
        // Regression: with a non-empty default array the binder appended these to the defaults.
        var retry = Bind(new() { ["Redelivery:0"] = "00:00:00.500", ["Redelivery:1"] = "00:00:01" });

        Assert.That(retry.RedeliveryIntervals, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1) }));
    }

    [Test]
    public void Should_turn_redelivery_off_with_an_empty_value_and_keep_the_defaults_when_unset()
    {
        Assert.That(Bind(new() { ["Redelivery"] = "" }).RedeliveryIntervals, Is.Empty);
        Assert.That(Bind(new() { ["Immediate"] = "1" }).RedeliveryIntervals,
            Is.EqualTo(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2) }));
    }

    [Test]
    public void Should_retry_immediately_then_with_doubling_waits_up_to_the_maximum()
    {
        var retry = Bind(new() { ["Immediate"] = "2", ["Exponential"] = "4", ["MinInterval"] = "00:00:00.100", ["MaxInterval"] = "00:00:00.500" });

        Assert.That(retry.RetryIntervals(), Is.EqualTo(new[] { 0, 0, 100, 200, 400, 500 }.Select(ms => TimeSpan.FromMilliseconds(ms))));
    }

    private static RetryPolicyOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Get<RetryPolicyOptions>() ?? new RetryPolicyOptions();
}
