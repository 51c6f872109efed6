using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

internal sealed class StartTaskConsumer(TaskCommands commands, CommandRefusals refusals, ILogger<StartTaskConsumer> logger) : IConsumer<StartTask>
{
    public async Task Consume(ConsumeContext<StartTask> context)
    {
        var command = context.Message;
        var result = await commands.StartAsync(command.TaskId, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
