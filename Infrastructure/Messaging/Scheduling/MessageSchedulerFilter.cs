using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Gives every consumed message a <see cref="MessageSchedulerContext"/> backed by <c>scheduled_messages</c>:
/// what <c>context.ScheduleSend</c>, saga <c>Schedule</c> and <c>UseScheduledRedelivery</c> look for. The
/// counterpart of MassTransit's DelayedMessageSchedulerFilter, which would need a broker plugin we lack.
/// </summary>
internal sealed class MessageSchedulerFilter(ScheduledMessageStore store, TimeProvider clock) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("postgresMessageScheduler");

    // The consume context as the send endpoint provider: scheduled messages carry its conversation and initiator.
    private IMessageScheduler CreateScheduler(ConsumeContext context) =>
        new MessageScheduler(new PostgresScheduleMessageProvider(context, WriterFor(context), clock), context.GetPayload<IBusTopology>());

    // The consumer outbox binds the scheduler to its own context (OutboxConsumeContextProxy), so what a consumer or a saga
    // schedules or cancels joins the attempt's transaction (staged, written by the save before its commit). The
    // redelivery filter runs outside the outbox and keeps the scheduler bound to the context it was given: a redelivery,
    // scheduled because the attempt failed and rolled back, is written at once on its own connection.
    private IScheduledMessageWriter WriterFor(ConsumeContext context) =>
        context.TryGetPayload(out OutboxConsumeContext? outbox) ? outbox.GetRequiredService<ScheduledMessageStaging>().InConsumerOutbox() : store;
}
