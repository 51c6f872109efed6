using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>The message a DI scope is consuming, seen from code that only has the scope (a repository).</summary>
internal static class ConsumedMessage
{
    /// <summary>
    /// The consumed message's command id (<see cref="CommandHeaders.CommandIdOf"/>: its first MessageId across
    /// redeliveries and replays, else its own); null outside a consumer or without messaging.
    /// </summary>
    public static Guid? CommandIdIn(IServiceProvider scope)
    {
        var context = scope.GetService<Bind<IBus, IScopedConsumeContextProvider>>()?.Value is { HasContext: true } bound
            ? bound.GetContext()
            : scope.GetService<IScopedConsumeContextProvider>() is { HasContext: true } global ? global.GetContext() : null;
        return context is null ? null : CommandHeaders.CommandIdOf(context);
    }
}
