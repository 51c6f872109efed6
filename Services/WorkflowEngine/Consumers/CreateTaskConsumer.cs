using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class CreateTaskConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<CreateTaskConsumer> logger) : IConsumer<CreateTask>
{
    public async Task Consume(ConsumeContext<CreateTask> context)
    {
        var command = context.Message;
        var definition = new TaskDefinition(command.AgentId, command.Description, command.Priority, command.Context, command.WorkflowId, command.RunId);
        var result = await commands.CreateAsync(command.TaskId, definition, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
