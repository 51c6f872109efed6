using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class DeleteAgentConsumer(AgentCommands commands, CommandRefusals refusals, EventLogReader log, ILogger<DeleteAgentConsumer> logger) : IConsumer<DeleteAgent>
{
    public async Task Consume(ConsumeContext<DeleteAgent> context)
    {
        var command = context.Message;
        var result = await commands.DeleteAsync(command.AgentId, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportDeleteAsync(result, refusals, log, logger);
    }
}
