using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class ReportTaskProgressConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<ReportTaskProgressConsumer> logger) : IConsumer<ReportTaskProgress>
{
    public async Task Consume(ConsumeContext<ReportTaskProgress> context)
    {
        var command = context.Message;
        var result = await commands.ReportProgressAsync(command.TaskId, command.Percent, command.Note, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
