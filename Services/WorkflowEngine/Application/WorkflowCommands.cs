using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// Changes to workflow definitions. Each publishes its event in <c>beforeCommit</c> through the caller's publish
/// endpoint, so it commits with the change; a stale expected version or a missing definition surfaces as the
/// repository's exception (409, 404).
/// </summary>
internal sealed class WorkflowCommands(WorkflowRepository workflows, AgentRepository agents, TimeProvider clock)
{
    public async Task<Workflow> CreateAsync(WorkflowDefinition definition, string? createdBy, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var valid = await definition.ValidateAsync(agents, cancellationToken);
        var workflow = new Workflow { Id = NewId.NextGuid(), Name = valid.Name!, CreatedBy = createdBy };
        valid.ApplyTo(workflow);
        return await workflows.CreateAsync(workflow, (w, ct) => events.Publish(WorkflowEvents.Defined(w, clock.GetUtcNow()), ct), cancellationToken);
    }

    public async Task<Workflow> UpdateAsync(
        Guid id, WorkflowDefinition definition, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var valid = await definition.ValidateAsync(agents, cancellationToken);
        return await workflows.UpdateAsync(id, valid.ApplyTo, expectedVersion,
            (w, ct) => events.Publish(WorkflowEvents.Updated(w, clock.GetUtcNow()), ct), cancellationToken);
    }

    public Task DeleteAsync(Guid id, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken) =>
        workflows.DeleteAsync(id, expectedVersion, (w, ct) => events.Publish(WorkflowEvents.Deleted(w, clock.GetUtcNow()), ct), cancellationToken);
}
