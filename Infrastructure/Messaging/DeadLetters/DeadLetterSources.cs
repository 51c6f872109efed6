using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.RabbitMqTransport.Topology;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// The receive endpoints of this service, recorded while MassTransit configures them. Their dead-letter queues
/// are resolved later, once configuration is complete, through MassTransit's own send topology, so they get
/// exactly the names and arguments MassTransit declares (quorum, durable, anything else set on the endpoint).
/// </summary>
internal sealed class DeadLetterSources
{
    private readonly ConcurrentDictionary<string, IRabbitMqReceiveEndpointConfiguration> _endpoints = new(StringComparer.Ordinal);

    public void Add(string name, IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfiguration rabbit)
        {
            _endpoints.TryAdd(name, rabbit);
        }
    }

    public IReadOnlyList<DeadLetterQueue> Resolve()
    {
        var queues = new List<DeadLetterQueue>();
        foreach (var endpoint in _endpoints.Values.OrderBy(e => e.Settings.QueueName, StringComparer.Ordinal))
        {
            var settings = endpoint.Settings;

            // A temporary endpoint's queues go away with the process: nothing durable to collect from them.
            if (!settings.Durable || settings.AutoDelete)
            {
                continue;
            }

            queues.Add(Queue(settings.QueueName, endpoint.Topology.Send.GetErrorSettings(settings).GetBrokerTopology(), skipped: false));
            queues.Add(Queue(settings.QueueName, endpoint.Topology.Send.GetDeadLetterSettings(settings).GetBrokerTopology(), skipped: true));
        }

        return queues;
    }

    private static DeadLetterQueue Queue(string sourceQueue, BrokerTopology topology, bool skipped) =>
        new(sourceQueue, topology.Queues.Single().QueueName, skipped, topology);
}
