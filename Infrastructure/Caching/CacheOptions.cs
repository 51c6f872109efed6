using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Caching;

public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Part of every key: bump it when a cached shape changes, and old entries are never read.</summary>
    [Required, RegularExpression("^[a-z0-9]+$")]
    public string SchemaVersion { get; set; } = "v1";

    public TimeSpan EntityTtl { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ListTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per aggregate type ("agent", "task", ...) overrides of <see cref="EntityTtl"/>.</summary>
    public Dictionary<string, TimeSpan> EntityTtls { get; set; } = new() { ["task"] = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// How long a write-in-progress marker keeps readers off an entry. A writer that dies between its commit
    /// and its cache update leaves the marker behind; readers go to PostgreSQL until it expires.
    /// </summary>
    public TimeSpan PendingTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each process compares PostgreSQL's cache generation with Redis's.</summary>
    public TimeSpan GenerationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a successful generation check lets a process trust Redis, from the check's start (default three
    /// check intervals). A write that had to bump the generation returns only after one lease, so by then every
    /// process has either seen the bump or stopped trusting Redis.
    /// </summary>
    public TimeSpan? TrustLease { get; set; }

    public TimeSpan EffectiveTrustLease => TrustLease ?? 3 * GenerationCheckInterval;

    public TimeSpan TtlOf(string aggregateType) =>
        EntityTtls.TryGetValue(aggregateType, out var ttl) ? ttl : EntityTtl;
}
