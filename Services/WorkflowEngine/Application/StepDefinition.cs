using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>One step as a caller defines it and as it is stored (the definition's steps column, camelCase JSON).</summary>
internal sealed record StepDefinition(
    string? Name, string? AgentId, string? Description, string? Compensation, int? TimeoutSeconds, int? RetryCount, string? ParallelGroup)
{
    public const int DefaultTimeoutSeconds = 300;
    public const int MaxTimeoutSeconds = 86_400;
    public const int MaxRetryCount = 10;
    private const int MaxNameLength = 200;

    /// <summary><paramref name="label"/> names the step in every message, e.g. "steps[2]".</summary>
    public void Validate(string label)
    {
        Fields.Required(Name, $"{label}.name", MaxNameLength);
        Fields.AgentId(AgentId, $"{label}.agentId");
        Fields.Required(Description, $"{label}.description", TaskDefinition.MaxDescriptionLength);
        Fields.Optional(Compensation, $"{label}.compensation", TaskDefinition.MaxDescriptionLength);
        Fields.Range(TimeoutSeconds ?? DefaultTimeoutSeconds, 1, MaxTimeoutSeconds, $"{label}.timeoutSeconds");
        Fields.Range(RetryCount ?? 0, 0, MaxRetryCount, $"{label}.retryCount");
        Fields.Optional(ParallelGroup, $"{label}.parallelGroup", MaxNameLength);
    }

    /// <summary>Defaults filled in, so what is stored and compared is explicit.</summary>
    public StepDefinition Normalized() => this with
    {
        TimeoutSeconds = TimeoutSeconds ?? DefaultTimeoutSeconds,
        RetryCount = RetryCount ?? 0,
        ParallelGroup = string.IsNullOrWhiteSpace(ParallelGroup) ? null : ParallelGroup,
    };

    public WorkflowStep ToContract() => new()
    {
        Name = Name!,
        AgentId = AgentId!,
        Description = Description,
        Compensation = Compensation,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds ?? DefaultTimeoutSeconds),
        RetryCount = RetryCount ?? 0,
        ParallelGroup = ParallelGroup,
    };
}
