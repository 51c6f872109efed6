using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

public sealed class SagaRetentionOptions
{
    public const string Section = "Messaging:Sagas";

    /// <summary>How long a finished saga (its row and its transitions) stays for inspection.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows deleted per statement, so no purge holds locks or bloats a transaction for long.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1_000;
}
