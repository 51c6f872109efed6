using MassTransit.RabbitMqTransport.Topology;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// A queue MassTransit moves one receive endpoint's failed messages to, with the broker topology MassTransit
/// itself declares for it (same arguments, or the broker refuses the declaration).
/// </summary>
internal sealed record DeadLetterQueue(string SourceQueue, string QueueName, bool Skipped, BrokerTopology Topology);
