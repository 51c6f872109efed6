using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed class WorkflowRepository : CachedRepository<Workflow, Guid>
{
    internal WorkflowRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Workflow";

    protected override void Validate(Workflow workflow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflow.Name, "name");
        JsonFields.RequireObject(workflow.Steps, "steps", allowArray: true);
        JsonFields.RequireObject(workflow.Context, "context");
    }

    protected override void Stamp(Workflow workflow, DateTimeOffset now, bool created)
    {
        if (created)
        {
            workflow.CreatedAt = now;
        }

        workflow.UpdatedAt = now;
    }

    protected override IQueryable<Workflow> OrderForList(IQueryable<Workflow> query) =>
        query.OrderByDescending(w => w.CreatedAt).ThenBy(w => w.Id);
}
