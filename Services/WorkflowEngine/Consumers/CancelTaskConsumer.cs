using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class CancelTaskConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<CancelTaskConsumer> logger) : IConsumer<CancelTask>
{
    public async Task Consume(ConsumeContext<CancelTask> context)
    {
        var command = context.Message;
        var result = await commands.CancelAsync(command.TaskId, command.Reason, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
