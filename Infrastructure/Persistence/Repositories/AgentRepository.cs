using System.Text.RegularExpressions;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class AgentRepository : CachedRepository<Agent, string>
{
    internal AgentRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Agent";

    protected override void Validate(Agent agent)
    {
        if (agent.Id.Length > Agent.MaxIdLength || !Slug().IsMatch(agent.Id))
        {
            throw new ArgumentException($"Agent id must be a slug of 1 to {Agent.MaxIdLength} characters: lower-case letters, digits, '-' or '_'.", nameof(agent));
        }

        JsonFields.RequireObject(agent.Config, "config");
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.Name, "name");
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.Model, "model");
    }

    protected override void Stamp(Agent agent, DateTimeOffset now, bool created)
    {
        if (created)
        {
            agent.CreatedAt = now;
        }

        agent.UpdatedAt = now;
    }

    protected override IQueryable<Agent> OrderForList(IQueryable<Agent> query) => query.OrderBy(a => a.Id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Slug();
}
