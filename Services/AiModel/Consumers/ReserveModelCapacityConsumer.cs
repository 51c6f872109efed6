using AgentLightning.AiModel.Application;
using AgentLightning.Contracts.Models;
using MassTransit;

namespace AgentLightning.AiModel.Consumers;

internal sealed class ReserveModelCapacityConsumer(CapacityReservations reservations) : IConsumer<ReserveModelCapacity>
{
    public Task Consume(ConsumeContext<ReserveModelCapacity> context) =>
        reservations.ReserveAsync(context.Message, context, context.CancellationToken);
}
