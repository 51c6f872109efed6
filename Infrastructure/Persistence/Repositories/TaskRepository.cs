using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed class TaskRepository : CachedRepository<AgentTask, Guid>
{
    internal TaskRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Task";

    protected override void Validate(AgentTask task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task.AgentId, "agentId");
        ArgumentException.ThrowIfNullOrWhiteSpace(task.Description, "description");
        JsonFields.RequireObject(task.Context, "context");
        JsonFields.RequireObject(task.Result, "result", allowArray: true);
    }

    protected override void Stamp(AgentTask task, DateTimeOffset now, bool created)
    {
        if (created)
        {
            task.CreatedAt = now;
        }
    }

    protected override IQueryable<AgentTask> OrderForList(IQueryable<AgentTask> query) =>
        query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id);
}
