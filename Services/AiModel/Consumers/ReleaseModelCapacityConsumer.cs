using AgentLightning.AiModel.Application;
using AgentLightning.AiModel.Execution;
using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.AiModel.Consumers;

internal sealed class ReleaseModelCapacityConsumer(CapacityReservations reservations, AgentLightningDbContext db, ExecutionSignal signal)
    : IConsumer<ReleaseModelCapacity>
{
    public async Task Consume(ConsumeContext<ReleaseModelCapacity> context)
    {
        if (await reservations.ReleaseAsync(context.Message, context, context.CancellationToken))
        {
            // A freed slot may start a waiting task here at once; other instances find it at their next poll.
            db.Callbacks.AfterCommit(() =>
            {
                signal.Ring();
                return Task.CompletedTask;
            });
        }
    }
}
