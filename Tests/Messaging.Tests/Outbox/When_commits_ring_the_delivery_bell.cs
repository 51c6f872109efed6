using AgentLightning.Infrastructure.Messaging.Outbox;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class When_commits_ring_the_delivery_bell
{
    [Test]
    public async Task Should_start_one_round_for_the_rings_waiting_before_a_claim()
    {
        using var signal = new OutboxDeliverySignal();
        signal.Delivered();
        signal.Delivered();
        signal.Delivered();

        // The claim that follows sees all three commits: no round is left to start for each of them.
        signal.Clear();

        Assert.That(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Should_keep_a_ring_that_comes_after_the_claim_began()
    {
        using var signal = new OutboxDeliverySignal();
        signal.Delivered();
        signal.Clear();

        signal.Delivered();

        Assert.That(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), Is.True);
    }
}
