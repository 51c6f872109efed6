namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// An aggregate with one writer. <see cref="Version"/> is the optimistic-concurrency token: it grows by one
/// with every change (never resets, even when an id is deleted and created again) and is also the
/// aggregate's sequence in the event log and the version the cache compares.
/// </summary>
public interface IAggregate
{
    static abstract string AggregateType { get; }

    string Key { get; }

    long Version { get; set; }
}
