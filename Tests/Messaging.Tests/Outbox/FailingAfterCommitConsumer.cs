using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.TestService;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>Takes effect, then leaves work for after the commit that fails.</summary>
public sealed class FailingAfterCommitConsumer(ConsumedLog log, AgentLightningDbContext db) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        log.Record(context.Message.Id);
        db.Callbacks.AfterCommit(() => throw new InvalidOperationException("The cache could not be completed."));
        return Task.CompletedTask;
    }
}
