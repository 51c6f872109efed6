using System.Collections.Concurrent;
using MassTransit;

namespace AgentLightning.DeadLetters.Tests;

public sealed class AlwaysFailingConsumer : IConsumer<DoomedCommand>
{
    /// <summary>Calls per message id, to hold the attempt count in the dead letter against.</summary>
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public Task Consume(ConsumeContext<DoomedCommand> context)
    {
        Attempts.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
        throw new InvalidOperationException($"Doomed: {context.Message.Text}");
    }
}

public sealed class SwitchedConsumer(ConsumerSwitch consumerSwitch) : IConsumer<SwitchedCommand>
{
    public Task Consume(ConsumeContext<SwitchedCommand> context)
    {
        if (consumerSwitch.Failing || context.Message.Text.Contains("bad", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Switched off: {context.Message.Text}");
        }

        consumerSwitch.Consumed.Add(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Shared by a test and the consumer in its host: makes it fail, and records what it consumed.</summary>
public sealed class ConsumerSwitch
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public ConcurrentBag<SwitchedCommand> Consumed { get; } = [];

    public int CountOf(Guid id) => Consumed.Count(m => m.Id == id);
}
