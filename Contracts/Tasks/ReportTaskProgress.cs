namespace AgentLightning.Contracts.Tasks;

public sealed record ReportTaskProgress
{
    public required Guid TaskId { get; init; }

    public required int Percent { get; init; }

    public string? Note { get; init; }
}
