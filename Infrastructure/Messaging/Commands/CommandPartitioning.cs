using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Messages about one aggregate, consumed by one instance, run one at a time (in the order they were received nearly
/// always, not always: several deliveries reach the partitioner at once); messages about different aggregates still
/// run side by side. Without it, the commands of one task (StartTask, its progress
/// reports, CompleteTask) arriving together run concurrently against one row: all but one lose the optimistic
/// concurrency race, roll back and are retried, and under load the retries run out into scheduled redeliveries.
/// Commands are partitioned on their owner's command queue.
/// </summary>
public static class CommandPartitioning
{
    /// <summary>Partitions <typeparamref name="TCommand"/> on its owner's command queue by <paramref name="aggregateId"/>.</summary>
    public static IServiceCollection AddCommandPartitionKey<TCommand>(this IServiceCollection services, Func<TCommand, Guid> aggregateId)
        where TCommand : class =>
        services.AddSingleton<IPartitionKey>(new PartitionKey<TCommand>(prefix => CommandRouting.QueueOf(typeof(TCommand), prefix), aggregateId));

    /// <summary>
    /// One partitioner for every partitioned message of the queue, so that different messages about one aggregate
    /// exclude each other too. Added outside the consumers' transactions: a message waits until the one before it
    /// committed, not merely returned.
    /// </summary>
    internal static void UsePartitionedMessages(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, string name, MessagingOptions options)
    {
        var keys = context.GetServices<IPartitionKey>()
            .Where(k => k.QueueOf(options.QueuePrefix) == name)
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

internal interface IPartitionKey
{
    string QueueOf(string queuePrefix);

    void Apply(IReceiveEndpointConfigurator endpoint, IPartitioner partitioner);
}

internal sealed class PartitionKey<TMessage>(Func<string, string> queueOf, Func<TMessage, Guid> aggregateId) : IPartitionKey
    where TMessage : class
{
    public string QueueOf(string queuePrefix) => queueOf(queuePrefix);

    public void Apply(IReceiveEndpointConfigurator endpoint, IPartitioner partitioner) =>
        endpoint.UsePartitioner<TMessage>(partitioner, context => aggregateId(context.Message));
}
