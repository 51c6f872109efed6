using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

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
        new MessageScheduler(new PostgresScheduleMessageProvider(context, store, clock), context.GetPayload<IBusTopology>());
}
