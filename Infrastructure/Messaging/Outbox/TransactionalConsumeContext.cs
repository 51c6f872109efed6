using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// The consume context a consumer sees inside its transaction: what it sends or publishes becomes outbox rows
/// of the same transaction. Delivery happens after the commit, by the delivery service, so the inbox/outbox
/// bookkeeping MassTransit's multi-pass pipe asks for is already done when the pipe asks.
/// </summary>
internal sealed class TransactionalConsumeContext<TMessage>(
    ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider, OutboxStaging staging, bool alreadyConsumed)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TMessage : class
{
    public override bool ContinueProcessing { get; set; }

    public override bool IsMessageConsumed => alreadyConsumed;

    public override bool IsOutboxDelivered => alreadyConsumed;

    public override int ReceiveCount => 1;

    public override long? LastSequenceNumber => null;

    /// <summary>The inbox row was written when the transaction began.</summary>
    public override Task SetConsumed() => Task.CompletedTask;

    public override Task SetDelivered() => Task.CompletedTask;

    public override Task<List<OutboxMessageContext>> LoadOutboxMessages() => Task.FromResult(new List<OutboxMessageContext>());

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message) => Task.CompletedTask;

    public override Task RemoveOutboxMessages() => Task.CompletedTask;

    public override Task AddSend<T>(SendContext<T> context) => staging.Add(context);
}
