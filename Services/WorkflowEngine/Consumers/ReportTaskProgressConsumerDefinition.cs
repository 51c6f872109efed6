using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class ReportTaskProgressConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<ReportTaskProgressConsumer, ReportTaskProgress>(options);
