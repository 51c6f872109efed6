using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class StartTaskConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<StartTaskConsumer, StartTask>(options);
