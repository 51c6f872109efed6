using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// A way a message can come back with its MessageId after it took effect, and the longest it can take to: the
/// inbox must remember the MessageId at least that long (<see cref="OutboxOptions.DuplicateDetectionWindow"/>,
/// checked at start).
/// </summary>
public sealed record RedeliveryPath(string Name, TimeSpan Span);

public static class RedeliveryPathRegistration
{
    /// <summary>
    /// Declares an automatic path that brings messages back (e.g. a command redelivered while its target is missing;
    /// through the scheduler, add <see cref="RedeliverySpans.Scheduler"/> to its own span), so that start-up refuses a
    /// duplicate-detection window shorter than it.
    /// </summary>
    public static IServiceCollection AddRedeliveryPath(this IServiceCollection services, Func<IServiceProvider, RedeliveryPath> path) =>
        services.AddSingleton(path);
}
