using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class CompleteTaskConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<CompleteTaskConsumer> logger) : IConsumer<CompleteTask>
{
    public async Task Consume(ConsumeContext<CompleteTask> context)
    {
        var command = context.Message;
        var result = await commands.CompleteAsync(command.TaskId, command.Result, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
