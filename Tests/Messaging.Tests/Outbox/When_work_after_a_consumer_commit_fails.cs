using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Messaging.TestService;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: a post-commit callback that threw (the cache's completion, say) surfaced from the commit, so the
/// consumer pipeline reported a fault and published a Fault&lt;T&gt; for a message that had taken effect. Without
/// retries, so the fault is not held back: MassTransit's retry defers it, and the retry finds the inbox row.
/// </summary>
public sealed class When_work_after_a_consumer_commit_fails
{
    [Test]
    public async Task Should_not_fault_the_committed_message()
    {
        var log = new ConsumedLog();
        var receives = new ReceiveCounter();
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var noRetries = new Dictionary<string, string?> { ["Messaging:Retry:Immediate"] = "0", ["Messaging:Retry:Exponential"] = "0" };
        await using var service = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix, bus =>
        {
            bus.AddConsumer<FailingAfterCommitConsumer>();
            bus.AddReceiveObserver(_ => receives);
        }, settings: noRetries, configure: b =>
        {
            b.Services.AddSingleton(log);
            b.Services.PostConfigure<MessagingOptions>(o => o.Retry.Redelivery = []);
        });

        var id = Guid.NewGuid();
        // Sent to its own endpoint: a publish of Ping would reach every test's ping queue on the shared broker.
        var endpoint = await service.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{queues.Prefix}failing-after-commit"));
        await endpoint.Send(new Ping(id, 1), c => c.MessageId = id);

        await Eventually.Until(() => receives.CountOf(id) == 1, "the receive of the message finished");
        Assert.Multiple(() =>
        {
            Assert.That(log.CountOf(id), Is.EqualTo(1), "it took effect once");
            Assert.That(receives.FaultsOf(id), Is.Zero, "no fault reported, so no Fault<Ping> published");
        });
    }
}
