using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Consumers;

internal sealed class ExecuteTaskConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<ExecuteTaskConsumer, ExecuteTask>(options);
