using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed class ModelRepository : CachedRepository<RegisteredModel, string>
{
    public const int MaxContextWindow = 10_000_000;
    public const int MaxConcurrencyLimit = 1_000;

    internal ModelRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Model";

    /// <summary>One page of the models by name, from PostgreSQL.</summary>
    public Task<Page<RegisteredModel>> ListPageAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.AfterKey;
        return ReadAsync(db =>
        {
            var query = db.Set<RegisteredModel>().AsNoTracking();
            if (after is not null)
            {
                query = query.Where(m => string.Compare(m.Name, after) > 0);
            }

            return query.OrderBy(m => m.Name).ToPageAsync(page, m => [m.Name], cancellationToken);
        }, cancellationToken);
    }

    protected override void Validate(RegisteredModel model)
    {
        if (!AgentSlug.IsValid(model.Name))
        {
            throw new ArgumentException(
                $"'name' must be a slug of 1 to {AgentSlug.MaxLength} lower-case letters, digits and single hyphens, e.g. 'gpt-4o-mini'.", "name");
        }

        if (!ModelProviders.All.Contains(model.Provider, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'provider' must be one of {string.Join(", ", ModelProviders.All)}; got '{model.Provider}'.", "provider");
        }

        if (string.IsNullOrWhiteSpace(model.ProviderModel) || model.ProviderModel.Length > 200 || model.ProviderModel.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("'providerModel' is required: at most 200 characters of text.", "providerModel");
        }

        if (model.ContextWindow is < 1 or > MaxContextWindow)
        {
            throw new ArgumentException($"'contextWindow' must be between 1 and {MaxContextWindow}.", "contextWindow");
        }

        if (model.MaxConcurrentTasks is < 1 or > MaxConcurrencyLimit)
        {
            throw new ArgumentException($"'maxConcurrentTasks' must be between 1 and {MaxConcurrencyLimit}.", "maxConcurrentTasks");
        }
    }

    protected override void Stamp(RegisteredModel model, DateTimeOffset now, bool created)
    {
        if (created)
        {
            model.CreatedAt = now;
        }

        model.UpdatedAt = now;
    }

    protected override IQueryable<RegisteredModel> OrderForList(IQueryable<RegisteredModel> query) => query.OrderBy(m => m.Name);
}
