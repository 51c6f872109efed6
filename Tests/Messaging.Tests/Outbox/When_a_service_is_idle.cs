using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// An idle service's delivery loops only poll for what other processes committed: one poll per interval is enough, so
/// only the first of its workers polls (the others wake to this process's commits). Two polling workers claimed, and
/// committed, twice as often for nothing.
/// </summary>
public sealed class When_a_service_is_idle
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ScratchQueues _queues = new();
    private ScratchDatabase _database = null!;
    private PlatformTestHost _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _service = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix, settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:DeliveryWorkers"] = "2",
            ["Messaging:Outbox:PollInterval"] = PollInterval.ToString(),
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_poll_the_outbox_once_per_interval_not_once_per_worker()
    {
        // The host's own meter (IMeterFactory hands out one Meter per name): other fixtures' hosts run in this process too.
        var meter = _service.Services.GetRequiredService<IMeterFactory>().Create(PlatformMetrics.MeterName);
        long rounds = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == OutboxDeliveryMetrics.RoundsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref rounds, value));
        listener.Start();

        const int Polls = 10;
        var watch = Stopwatch.StartNew();
        await Eventually.Until(() => Interlocked.Read(ref rounds) >= Polls, $"{Polls} delivery rounds", TimeSpan.FromSeconds(30));

        // One poller: ten rounds take ten intervals (2 s); two pollers brought them in half that.
        Assert.That(watch.Elapsed, Is.GreaterThan(PollInterval * Polls * 0.75), $"time {Polls} idle rounds took with a {PollInterval.TotalMilliseconds} ms poll and two workers");
    }
}
