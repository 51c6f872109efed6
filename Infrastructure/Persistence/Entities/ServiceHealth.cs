namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The last health of a service that was announced (ServiceHealthChanged): the monitor moves it with a conditional
/// update, so of several monitors only the one whose update lands publishes the change.
/// </summary>
public sealed class ServiceHealth
{
    public required string Service { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
