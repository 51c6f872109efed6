using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class ChangeAgentStatusConsumer(AgentCommands commands, CommandRefusals refusals, ILogger<ChangeAgentStatusConsumer> logger) : IConsumer<ChangeAgentStatus>
{
    public async Task Consume(ConsumeContext<ChangeAgentStatus> context)
    {
        var command = context.Message;
        var result = await commands.ChangeStatusAsync(
            command.AgentId, command.Status, command.Reason, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
