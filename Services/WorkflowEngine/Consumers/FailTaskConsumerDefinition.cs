using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class FailTaskConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<FailTaskConsumer, FailTask>(options);
