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

    /// <summary>A message retried since <paramref name="firstFailedAt"/>: a try whose confirm was lost may have arrived.</summary>
    public static InDoubtDeliveryException RetriedSince(DateTime firstFailedAt) => new(
        $"This message has been retried since its first failed send at {firstFailedAt:O} UTC; a try whose broker confirm was lost may have arrived. " +
        "That is longer ago than the consumers' inbox remembers, so a re-send could take effect twice: it was not sent again. " +
        "Replay it if it did not take effect; archive it if it did.");
}
