namespace AgentLightning.Infrastructure.Caching;

/// <summary>A write-in-progress marker a transaction set in Redis: the entry, the version written, the epoch.</summary>
internal sealed record CacheMark(string EntitySuffix, long Version, string TypeSuffix, string Epoch);
