using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

public static class ScheduledRedelivery
{
    /// <summary>
    /// Failures that waiting cannot cure (an invalid message stays invalid): such a message goes to _error after
    /// its in-process retries instead of minutes later.
    /// </summary>
    private static readonly Type[] PermanentFailures =
    [
        typeof(ArgumentException), typeof(FormatException), typeof(InvalidCastException), typeof(NotSupportedException),
        typeof(NotImplementedException),
    ];

    /// <summary>
    /// Redelivers with the message's own MessageId. MassTransit replaces it by default, for brokers that drop
    /// repeated ids; here the inbox records a MessageId only when its consumer succeeded (a failed delivery
    /// rolls back), so the same id is consumed normally, and operators follow one message by one id.
    /// The redelivery count is in the MT-Redelivery-Count header.
    /// </summary>
    public static IRetryConfigurator KeepMessageId(this IRetryConfigurator configurator)
    {
        if (configurator is IRedeliveryConfigurator redelivery)
        {
            redelivery.ReplaceMessageId = false;
        }

        return configurator;
    }

    public static IRetryConfigurator ExceptPermanentFailures(this IRetryConfigurator configurator)
    {
        configurator.Ignore(PermanentFailures);
        return configurator;
    }
}
