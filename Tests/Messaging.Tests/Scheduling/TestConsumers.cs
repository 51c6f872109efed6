using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class ScheduledPingConsumer(DeliveryLog log) : IConsumer<ScheduledPing>
{
    public Task Consume(ConsumeContext<ScheduledPing> context)
    {
        log.Add(context.Record(context.Message.Id, nameof(ScheduledPingConsumer), succeeded: true));
        return Task.CompletedTask;
    }
}

public sealed class PublishedPingConsumer(DeliveryLog log) : IConsumer<PublishedPing>
{
    public Task Consume(ConsumeContext<PublishedPing> context)
    {
        log.Add(context.Record(context.Message.Id, nameof(PublishedPingConsumer), succeeded: true));
        return Task.CompletedTask;
    }
}

/// <summary>Schedules from inside a consumer, through the consume context's scheduler.</summary>
public sealed class ScheduleFollowUpConsumer(DeliveryLog log) : IConsumer<ScheduleFollowUp>
{
    public async Task Consume(ConsumeContext<ScheduleFollowUp> context)
    {
        log.Add(context.Record(context.Message.Id, nameof(ScheduleFollowUpConsumer), succeeded: true));
        await context.ScheduleSend(context.Message.PingAddress, TimeSpan.FromMilliseconds(300), new ScheduledPing(context.Message.Id));
        await context.SchedulePublish(TimeSpan.FromMilliseconds(300), new PublishedPing(context.Message.Id));
    }
}

public sealed class AlwaysFailsConsumer(DeliveryLog log) : IConsumer<AlwaysFails>
{
    public Task Consume(ConsumeContext<AlwaysFails> context)
    {
        log.Add(context.Record(context.Message.Id, nameof(AlwaysFailsConsumer), succeeded: false));
        throw new InvalidOperationException("This consumer always fails.");
    }
}

/// <summary>Fails the first delivery and the first redelivery (with all their retries), then succeeds.</summary>
public sealed class FailsTwiceConsumer(DeliveryLog log) : IConsumer<FailsTwice>
{
    public Task Consume(ConsumeContext<FailsTwice> context)
    {
        var succeeds = context.GetRedeliveryCount() >= 2;
        log.Add(context.Record(context.Message.Id, nameof(FailsTwiceConsumer), succeeds));
        return succeeds ? Task.CompletedTask : throw new InvalidOperationException("Not yet.");
    }
}

/// <summary>Rejects its message as invalid: no amount of waiting makes it valid.</summary>
public sealed class InvalidConsumer(DeliveryLog log) : IConsumer<Invalid>
{
    public Task Consume(ConsumeContext<Invalid> context)
    {
        log.Add(context.Record(context.Message.Id, nameof(InvalidConsumer), succeeded: false));
        throw new ArgumentException("The message is invalid.");
    }
}

internal static class ConsumeContextRecording
{
    public static Delivery Record(this ConsumeContext context, Guid id, string consumer, bool succeeded) =>
        new(id, consumer, context.MessageId, context.ConversationId, context.GetRedeliveryCount(), DateTime.UtcNow, succeeded);
}
