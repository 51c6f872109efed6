namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Asks the owning service for a change. Scoped: in an HTTP request the command joins the request's outbox and
/// leaves only if the request's transaction commits; in a consumer it joins the consumer's transaction.
/// </summary>
public interface ICommandSender
{
    Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default) where TCommand : class;
}
