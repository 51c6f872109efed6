using System.ComponentModel.DataAnnotations;

namespace AgentLightning.AiModel.Execution;

public sealed class ExecutionOptions : IValidatableObject
{
    public const string Section = "AiModel:Execution";

    /// <summary>How long a claimed task stays this instance's without a renewal; after it, any instance takes it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the running tasks' leases are renewed; also how soon a cancel sent to another instance stops a task here.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often waiting tasks are looked for without a wake-up (a task queued or finished on another instance).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Claims a task may take: one whose runs keep dying before their outcome commits (a crash, an outcome that
    /// cannot be written) fails instead of calling its provider again and again.
    /// </summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Names this instance in the leases it holds; unique per process unless set.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewInterval <= TimeSpan.Zero || RenewInterval * 3 > LeaseDuration)
        {
            yield return new ValidationResult($"{Section}:RenewInterval must be positive and at most a third of LeaseDuration.", [nameof(RenewInterval)]);
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:PollInterval must be positive.", [nameof(PollInterval)]);
        }
    }
}
