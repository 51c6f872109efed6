namespace AgentLightning.Infrastructure.Messaging.Capture;

/// <summary>
/// A captured message that cannot even be put on the wire (no destination, unreadable headers or properties): its own
/// fault, found before the broker is contacted, so a sender may give up on it whatever the bus's health.
/// </summary>
public sealed class UnsendableMessageException : Exception
{
    public UnsendableMessageException()
    {
    }

    public UnsendableMessageException(string message)
        : base(message)
    {
    }

    public UnsendableMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
