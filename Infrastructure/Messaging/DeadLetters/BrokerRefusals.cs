using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>Tells a send the broker answered with a refusal from one that never got an answer.</summary>
internal static class BrokerRefusals
{
    /// <summary>AMQP channel errors about the destination: ACCESS_REFUSED, NOT_FOUND (no such exchange), PRECONDITION_FAILED.</summary>
    private static readonly ushort[] DestinationErrors = [403, 404, 406];

    /// <summary>Also a message found unsendable before the broker was contacted: refused by its own fault.</summary>
    public static bool Refused(Exception error) => Chain(error).Any(e =>
        e is MessageReturnedException or MessageNotAcknowledgedException or UnsendableMessageException
        || e is OperationInterruptedException { ShutdownReason: { Initiator: ShutdownInitiator.Peer } reason } && DestinationErrors.Contains(reason.ReplyCode));

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            foreach (var inner in e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [])
            {
                pending.Push(inner);
            }
        }
    }
}
