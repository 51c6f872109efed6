using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Persistence.Retention;

/// <summary>How long the tables that would otherwise grow forever keep a row once it no longer matters (docs/operations.md "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>The outcome link of a command sent through POST /commands (404 once it is gone).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan SentCommands { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An ended workflow's row, after its end: what keeps a late WorkflowStarted from making its agents busy.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan EndedWorkflowActivity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A released or refused capacity reservation, after it was made: what answers a repeat the same way.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan FinishedCapacityReservations { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A refresh token, after it expired (a reuse of it is then an unknown token: 401 without revoking its family).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ExpiredRefreshTokens { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A cancel marker in model_executions (a cancel that overtook its ExecuteTask), after it was left.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan CancelledExecutions { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A delivered webhook delivery and its attempts, after its delivery (failed ones stay: they are the hub's dead letters).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan DeliveredWebhooks { get; set; } = TimeSpan.FromDays(7);
}
