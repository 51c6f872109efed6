namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>Why an outbox message became a dead letter instead of being sent again after a round that died.</summary>
public sealed class InDoubtDeliveryException : Exception
{
    public InDoubtDeliveryException()
    {
    }

    public InDoubtDeliveryException(string message)
        : base(message)
    {
    }

    public InDoubtDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static InDoubtDeliveryException Since(DateTime startedAt) => new(
        $"A delivery round that began at {startedAt:O} UTC may have sent this message, then died before it recorded the broker's confirm. " +
        "That is longer ago than the consumers' inbox remembers, so a re-send could take effect twice: it was not sent again. " +
        "Replay it if it did not take effect; archive it if it did.");
}
