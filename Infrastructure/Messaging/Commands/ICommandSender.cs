namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Asks the owning service for a change. Scoped: in an HTTP request the command joins the request's outbox and
/// leaves only if the request's transaction commits; in a consumer it joins the consumer's transaction.
/// </summary>
public interface ICommandSender
{
    Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default) where TCommand : class;

    /// <summary>A command whose type is known only at run time (POST /commands); returns the MessageId it is sent with.</summary>
    Task<Guid> Send(object command, Type commandType, CancellationToken cancellationToken = default);

    /// <summary>
    /// With <paramref name="correlationId"/> on the envelope: a saga's id, which the owner's CommandRejected carries
    /// back, so a refusal of the saga's command reaches the saga.
    /// </summary>
    Task<Guid> Send(object command, Type commandType, Guid correlationId, CancellationToken cancellationToken = default);
}
