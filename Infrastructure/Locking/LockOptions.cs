namespace AgentLightning.Infrastructure.Locking;

public sealed class LockOptions
{
    public const string Section = "Locks";

    /// <summary>How long a caller waits for a lock before going on without it.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Lease of a lock; the library extends it while the holder is alive.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(30);
}
