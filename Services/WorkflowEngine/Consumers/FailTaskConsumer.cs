using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class FailTaskConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<FailTaskConsumer> logger) : IConsumer<FailTask>
{
    public async Task Consume(ConsumeContext<FailTask> context)
    {
        var command = context.Message;
        var result = await commands.FailAsync(command.TaskId, command.ErrorMessage, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
