using AgentLightning.Infrastructure.Messaging.Scheduling;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>How long each automatic path can bring a message back, from its options: every wait, every timeout.</summary>
public static class RedeliverySpans
{
    /// <summary>The outbox's sends of one message until it gives up: backoffs between, a send timeout and a poll each.</summary>
    public static TimeSpan Outbox(OutboxOptions options) =>
        Backoffs(options.MaxDeliveryAttempts, options.Backoff) + ((options.SendTimeout + options.PollInterval) * options.MaxDeliveryAttempts);

    /// <summary>The scheduler's sends of one row until it gives up, counted the same way.</summary>
    public static TimeSpan Scheduler(SchedulerOptions options) =>
        Backoffs(options.MaxDeliveryAttempts, attempts => DispatchPass.Backoff(attempts, options))
        + ((options.SendTimeout + options.PollInterval) * options.MaxDeliveryAttempts);

    /// <summary>
    /// In-process retries of each delivery, the scheduled redeliveries' delays, and the scheduler's sends of the
    /// last redelivery until it gives up.
    /// </summary>
    public static TimeSpan Consumer(RetryPolicyOptions retry, SchedulerOptions scheduler)
    {
        var inProcess = retry.RetryIntervals().Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);
        var redeliveries = retry.RedeliveryIntervals;
        return (inProcess * (redeliveries.Length + 1))
            + redeliveries.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait)
            + (redeliveries.Length > 0 ? Scheduler(scheduler) : TimeSpan.Zero);
    }

    /// <summary>The waits between <paramref name="attempts"/> tries.</summary>
    private static TimeSpan Backoffs(int attempts, Func<int, TimeSpan> backoff) =>
        Enumerable.Range(1, Math.Max(attempts - 1, 0)).Aggregate(TimeSpan.Zero, (sum, failed) => sum + backoff(failed));
}
