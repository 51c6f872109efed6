namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>Where a schedule or a cancel goes: at once (<see cref="ScheduledMessageStore"/>), or with a unit of work.</summary>
public interface IScheduledMessageWriter
{
    Task AddAsync(ScheduledMessageEntry entry, CancellationToken cancellationToken);

    Task CancelAsync(Guid tokenId, CancellationToken cancellationToken);
}
