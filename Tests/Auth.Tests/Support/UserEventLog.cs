using System.Collections.Concurrent;
using AgentLightning.Contracts.Identity;
using MassTransit;

namespace AgentLightning.Auth.Tests.Support;

/// <summary>Every user event the subscriber received, by type name and user id.</summary>
internal sealed class UserEventLog
{
    private readonly ConcurrentQueue<(string Type, Guid UserId, object Message)> _events = new();

    public void Record(string type, Guid userId, object message) => _events.Enqueue((type, userId, message));

    public IReadOnlyList<T> Of<T>(Guid userId) => [.. _events.Where(e => e.UserId == userId).Select(e => e.Message).OfType<T>()];
}

/// <summary>A subscriber in another service.</summary>
internal sealed class UserEventRecorder(UserEventLog log) : IConsumer<UserRegistered>, IConsumer<UserRoleChanged>, IConsumer<UserDeactivated>
{
    public Task Consume(ConsumeContext<UserRegistered> context) => Record(context.Message.UserId, context.Message);

    public Task Consume(ConsumeContext<UserRoleChanged> context) => Record(context.Message.UserId, context.Message);

    public Task Consume(ConsumeContext<UserDeactivated> context) => Record(context.Message.UserId, context.Message);

    private Task Record<T>(Guid userId, T message)
        where T : class
    {
        log.Record(typeof(T).Name, userId, message);
        return Task.CompletedTask;
    }
}
