using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>The pacing (the platform's OutageBackoff with jitter and repeated warnings) of the collector's retries against a store or broker that stays away: no hot loop, no log flood.</summary>
public sealed class When_the_collector_keeps_failing
{
    private readonly DeadLetterOptions _options = new()
    {
        MinBackoff = TimeSpan.FromMilliseconds(500),
        MaxBackoff = TimeSpan.FromSeconds(30),
        FailureLogInterval = TimeSpan.FromMinutes(5),
    };

    [Test]
    public void Should_wait_twice_as_long_each_time_up_to_the_ceiling()
    {
        var pacing = _options.Backoff("collector", NullLogger.Instance, new ManualClock());

        var delays = Enumerable.Range(0, 12).Select(_ =>
        {
            pacing.Failed();
            return pacing.NextDelay().TotalSeconds;
        }).ToList();

        Assert.That(delays[0], Is.InRange(0.4, 0.6), "first pause: MinBackoff ± 20 % jitter");
        Assert.That(delays[3], Is.InRange(3.2, 4.8));
        Assert.That(delays.Skip(7), Is.All.InRange(24.0, 36.0), "capped at MaxBackoff ± 20 %");
    }

    [Test]
    public void Should_log_the_first_failure_then_at_most_once_per_interval()
    {
        var clock = new ManualClock();
        var pacing = _options.Backoff("collector", NullLogger.Instance, clock);
        var logged = new List<bool>();

        for (var i = 0; i < 40; i++)
        {
            logged.Add(pacing.Failed());
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.That(logged[0], Is.True);
        Assert.That(logged.Count(l => l), Is.EqualTo(4), "20 minutes of failures every 30 s: logged at 0, 5, 10 and 15 minutes");
    }

    [Test]
    public void Should_report_how_long_the_outage_lasted_once_it_recovers()
    {
        var clock = new ManualClock();
        var pacing = _options.Backoff("collector", NullLogger.Instance, clock);
        pacing.Failed();
        clock.Advance(TimeSpan.FromSeconds(42));
        pacing.Failed();

        Assert.That(pacing.Recover(), Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(pacing.Recover(), Is.Null);
        Assert.That(pacing.Failed(), Is.True, "a new outage is logged at once");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
