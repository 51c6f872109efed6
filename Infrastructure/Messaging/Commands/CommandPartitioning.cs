using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Commands about one aggregate, consumed by one instance, run one at a time and in the order they arrived; commands
/// about different aggregates still run side by side. Without it, the commands of one task (StartTask, its progress
/// reports, CompleteTask) arriving together run concurrently against one row: all but one lose the optimistic
/// concurrency race, roll back and are retried, and under load the retries run out into scheduled redeliveries.
/// </summary>
public static class CommandPartitioning
{
    /// <summary>Partitions <typeparamref name="TCommand"/> on its owner's command queue by <paramref name="aggregateId"/>.</summary>
    public static IServiceCollection AddCommandPartitionKey<TCommand>(this IServiceCollection services, Func<TCommand, Guid> aggregateId)
        where TCommand : class =>
        services.AddSingleton<ICommandPartitionKey>(new CommandPartitionKey<TCommand>(aggregateId));

    /// <summary>
    /// One partitioner for every partitioned command of the queue, so that different commands about one aggregate
    /// exclude each other too. Added outside the consumers' transactions: a command waits until the one before it
    /// committed, not merely returned.
    /// </summary>
    internal static void UsePartitionedCommands(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, string name, MessagingOptions options)
    {
        var keys = context.GetServices<ICommandPartitionKey>()
            .Where(k => CommandRouting.QueueOf(k.Command, options.QueuePrefix) == name)
            .ToList();
        if (keys.Count == 0)
        {
            return;
        }

        // Twice the consume concurrency, so that two aggregates rarely share a partition and wait for each other.
        var partitioner = endpoint.CreatePartitioner(2 * options.PrefetchCount);
        foreach (var key in keys)
        {
            key.Apply(endpoint, partitioner);
        }
    }
}

internal interface ICommandPartitionKey
{
    Type Command { get; }

    void Apply(IReceiveEndpointConfigurator endpoint, IPartitioner partitioner);
}

internal sealed class CommandPartitionKey<TCommand>(Func<TCommand, Guid> aggregateId) : ICommandPartitionKey
    where TCommand : class
{
    public Type Command => typeof(TCommand);

    public void Apply(IReceiveEndpointConfigurator endpoint, IPartitioner partitioner) =>
        endpoint.UsePartitioner<TCommand>(partitioner, context => aggregateId(context.Message));
}
