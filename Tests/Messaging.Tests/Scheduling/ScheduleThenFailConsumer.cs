using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>Schedules and cancels in both ways a consumer can, then fails as many attempts as it is told to.</summary>
public sealed class ScheduleThenFailConsumer(DeliveryLog log, IMessageScheduler scheduler) : IConsumer<ScheduleThenFail>
{
    public async Task Consume(ConsumeContext<ScheduleThenFail> context)
    {
        var message = context.Message;
        var succeeds = log.For(message.Id).Count(d => d.Consumer == nameof(ScheduleThenFailConsumer)) >= message.FailedAttempts;
        await context.ScheduleSend(message.PingAddress, message.Delay, new ScheduledPing(message.Id));
        await scheduler.ScheduleSend(message.PingAddress, DateTime.UtcNow + message.Delay, new ScheduledPing(message.ScopeId));
        if (message.CancelToken is { } token)
        {
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(message.PingAddress, token);
        }

        log.Add(context.Record(message.Id, nameof(ScheduleThenFailConsumer), succeeds));
        if (!succeeds)
        {
            throw new InvalidOperationException("This attempt fails after scheduling.");
        }
    }
}
