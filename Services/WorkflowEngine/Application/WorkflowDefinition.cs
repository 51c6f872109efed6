using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>A workflow as a caller defines it: ordered steps, consecutive steps of one parallel group running together.</summary>
internal sealed record WorkflowDefinition(string? Name, string? Description, IReadOnlyList<StepDefinition?>? Steps, JsonElement? Context)
{
    public const int MaxSteps = 100;
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<StepDefinition> ValidSteps { get; private init; } = [];

    /// <summary>
    /// Checks the input, then each step's agent through the shared cached repository (an agent created a moment
    /// ago on Agent Designer is found at once): a missing or inactive agent is an <see cref="ArgumentException"/>
    /// naming the step.
    /// </summary>
    public async Task<WorkflowDefinition> ValidateAsync(AgentRepository agents, CancellationToken cancellationToken)
    {
        Fields.Required(Name, "name", MaxNameLength);
        Fields.Optional(Description, "description", MaxDescriptionLength);
        Fields.JsonObject(Context, "context");
        if (Steps is not { Count: > 0 and <= MaxSteps })
        {
            throw new ArgumentException($"'steps' must hold 1 to {MaxSteps} steps.", "steps");
        }

        var steps = new List<StepDefinition>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i] ?? throw new ArgumentException($"'steps[{i}]' must be a step object.", "steps");
            step.Validate($"steps[{i}]");
            steps.Add(step.Normalized());
        }

        CheckNamesAndGroups(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var agent = await agents.GetAsync(step.AgentId!, cancellationToken);
            if (agent is not { Status: AgentStatuses.Active })
            {
                throw new ArgumentException(
                    $"step '{step.Name}' (steps[{i}]): agent '{step.AgentId}' {(agent is null ? "does not exist" : $"is {agent.Status}, not active")}.",
                    $"steps[{i}].agentId");
            }
        }

        return this with { ValidSteps = steps };
    }

    public void ApplyTo(Workflow workflow)
    {
        workflow.Name = Name!;
        workflow.Description = Description;
        workflow.Steps = JsonSerializer.Serialize(ValidSteps, Json);
        workflow.Context = Fields.JsonObject(Context, "context");
    }

    public static IReadOnlyList<StepDefinition> StepsOf(Workflow workflow) =>
        JsonSerializer.Deserialize<List<StepDefinition>>(workflow.Steps, Json) ?? [];

    /// <summary>Step names identify a run's steps; a parallel group is one run of consecutive steps.</summary>
    private static void CheckNamesAndGroups(List<StepDefinition> steps)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var closedGroups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!names.Add(steps[i].Name!))
            {
                throw new ArgumentException($"step '{steps[i].Name}' (steps[{i}]): step names must be unique.", $"steps[{i}].name");
            }

            var group = steps[i].ParallelGroup;
            if (i > 0 && steps[i - 1].ParallelGroup is { } previous && previous != group)
            {
                closedGroups.Add(previous);
            }

            if (group is not null && closedGroups.Contains(group))
            {
                throw new ArgumentException(
                    $"step '{steps[i].Name}' (steps[{i}]): the steps of parallel group '{group}' must be consecutive.", $"steps[{i}].parallelGroup");
            }
        }
    }
}
