using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Puts a command consumer on its service's command queue (see <see cref="CommandRouting"/>);
/// <typeparamref name="TCommand"/> is any command it consumes, which names the owner.
/// </summary>
public abstract class CommandConsumerDefinition<TConsumer, TCommand> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
    where TCommand : class
{
    protected CommandConsumerDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = CommandRouting.QueueOf(typeof(TCommand), options.Value.QueuePrefix);
}
