using System.Diagnostics.Metrics;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Connections;
using AgentLightning.WebSocket.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.WebSocket.Tests.Units;

[TestFixture]
public sealed class When_a_send_buffer_is_full
{
    private ServiceProvider _services = null!;
    private FeedMetrics _metrics = null!;

    [SetUp]
    public void Create()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new FeedMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    [TearDown]
    public void Dispose() => _services.Dispose();

    [Test]
    public void Should_drop_and_count_and_give_the_count_once_the_client_caught_up()
    {
        using var client = Client(TimeSpan.FromMinutes(1));
        var offered = Enumerable.Range(0, 5).Select(_ => client.Offer([1])).ToList();

        Assert.That(offered, Is.EqualTo(new[] { true, true, false, false, false }));
        Assert.That(_metrics.Dropped, Is.EqualTo(3));
        Assert.That(client.TakeDroppedOnceCaughtUp(), Is.Zero, "not while frames still wait");

        Assert.That(client.Frames.TryRead(out _) && client.Frames.TryRead(out _), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.TakeDroppedOnceCaughtUp(), Is.EqualTo(3));
            Assert.That(client.TakeDroppedOnceCaughtUp(), Is.Zero, "each drop is told once");
        }
    }

    [Test]
    public async Task Should_call_the_client_too_slow_when_its_buffer_stays_full()
    {
        using var client = Client(TimeSpan.FromMilliseconds(200));
        client.Offer([1]);
        client.Offer([1]);
        Assert.That(client.TooSlow.IsCancellationRequested, Is.False, "full, not yet refused a frame");

        client.Offer([1]);
        await Eventually.Until(() => client.TooSlow.IsCancellationRequested, "the full buffer makes the client too slow");
    }

    private ClientConnection Client(TimeSpan slowClientTimeout) =>
        new("test", new LiveFeedOptions { SendBufferFrames = 2, SlowClientTimeout = slowClientTimeout }, _metrics);
}
