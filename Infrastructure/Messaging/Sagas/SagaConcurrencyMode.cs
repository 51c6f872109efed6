namespace AgentLightning.Infrastructure.Messaging.Sagas;

public enum SagaConcurrencyMode
{
    /// <summary>Load without a lock; an update that finds the row changed since (xmin) fails and the message is retried.</summary>
    Optimistic,

    /// <summary>Load with SELECT ... FOR UPDATE: events of one saga wait for each other instead of retrying. For hot instances.</summary>
    Pessimistic,
}
