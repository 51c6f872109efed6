using System.Collections.Concurrent;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>The redelivery headers of every copy of a command received, by the command's first MessageId.</summary>
public sealed class CommandCopies : IReceiveObserver
{
    private readonly ConcurrentQueue<(Guid CommandId, int? MassTransitCount, int? CommandCount)> _copies = new();

    public IReadOnlyList<(int? MassTransitCount, int? CommandCount)> Of(Guid commandId) =>
        [.. _copies.Where(c => c.CommandId == commandId).Select(c => (c.MassTransitCount, c.CommandCount))];

    public Task PreReceive(ReceiveContext context)
    {
        var headers = context.TransportHeaders;
        if (headers.Get<string>(CommandHeaders.CommandId) is { } text && Guid.TryParse(text, out var commandId))
        {
            _copies.Enqueue((commandId, headers.Get<int>(MessageHeaders.RedeliveryCount), headers.Get<int>(CommandHeaders.Redelivery)));
        }

        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
