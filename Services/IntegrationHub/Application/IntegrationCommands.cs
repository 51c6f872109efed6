using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Outbound;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.IntegrationHub.Application;

/// <summary>
/// Every change to an integration, for the HTTP endpoints and the command consumers alike (the shape of Agent
/// Designer's AgentCommands): events published in <c>beforeCommit</c>, refusals found before anything is written.
/// A target the outbound guard refuses is invalid input (400), checked at creation and at every change of the URL.
/// </summary>
internal sealed class IntegrationCommands(IntegrationRepository integrations, IOutboundTargetGuard guard, TimeProvider clock)
{
    /// <summary>Creates it with its secret (the caller's, or generated for a webhook); the same again is <see cref="CommandOutcome.Unchanged"/>.</summary>
    public async Task<CommandResult<Integration>> CreateAsync(
        Guid id, string kind, IntegrationDefinition definition, IntegrationSecrets secrets, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        if (!IntegrationRepository.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'kind' must be one of {string.Join(", ", IntegrationRepository.Kinds)}; got '{kind}'.", "kind");
        }

        definition.Validate(kind);
        if (await integrations.GetAsync(id, cancellationToken) is { } existing)
        {
            return existing.Kind == kind && definition.Matches(existing)
                ? CommandResult<Integration>.Unchanged(existing)
                : CommandResult<Integration>.Conflict(existing, "already exists");
        }

        await CheckTargetAsync(definition.Url, cancellationToken);
        var integration = new Integration { Id = id, Kind = kind, Name = definition.Name, Url = definition.Url };
        definition.ApplyTo(integration);
        ApplySecrets(integration, secrets, creating: true);
        var created = await integrations.CreateAsync(integration, (i, ct) => events.Publish(IntegrationEvents.Registered(i, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<Integration>.Applied(created);
    }

    /// <summary>Replaces the definition; an absent auth header value keeps the stored one (it is never read back).</summary>
    public async Task<CommandResult<Integration>> UpdateAsync(
        Guid id, IntegrationDefinition definition, string? authHeaderValue, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        definition.Validate(current!.Kind);
        await CheckTargetAsync(definition.Url, cancellationToken);
        var updated = await integrations.UpdateAsync(id, i =>
        {
            definition.ApplyTo(i);
            ApplySecrets(i, new IntegrationSecrets(null, authHeaderValue), creating: false);
        }, expectedVersion, (i, ct) => events.Publish(IntegrationEvents.Updated(i, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<Integration>.Applied(updated);
    }

    /// <summary>A new webhook secret (the caller's or generated); the old one stops signing at once.</summary>
    public async Task<(Integration Integration, string Secret)> RotateSecretAsync(
        Guid id, string? secret, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        refusal?.Require();
        if (current!.Kind != IntegrationKinds.Webhook)
        {
            throw new DataConflictException(Integration.AggregateType, id.ToString(), "only a webhook integration has a signing secret");
        }

        var rotated = secret is null ? WebhookSecrets.Generate() : WebhookSecrets.Validate(secret);
        var updated = await integrations.UpdateAsync(id, i => i.Secret = rotated, expectedVersion,
            (i, ct) => events.Publish(IntegrationEvents.Updated(i, clock.GetUtcNow()), ct), cancellationToken);
        return (updated, rotated);
    }

    public async Task<CommandResult<Integration>> DeleteAsync(Guid id, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await integrations.DeleteAsync(id, expectedVersion, (i, ct) =>
        {
            current = i;
            return events.Publish(IntegrationEvents.Removed(i, clock.GetUtcNow()), ct);
        }, cancellationToken);
        return CommandResult<Integration>.Applied(current!);
    }

    private async Task CheckTargetAsync(string url, CancellationToken cancellationToken)
    {
        var target = IntegrationRules.Url(url, "url");
        var verdict = await guard.CheckAsync(target, cancellationToken);
        if (!verdict.IsAllowed)
        {
            throw new ArgumentException($"'url' is refused: {verdict.Reason}", "url");
        }
    }

    private static void ApplySecrets(Integration integration, IntegrationSecrets secrets, bool creating)
    {
        if (integration.Kind == IntegrationKinds.Webhook)
        {
            if (secrets.AuthHeaderValue is not null)
            {
                throw new ArgumentException("'authHeaderValue' is for http integrations.", "authHeaderValue");
            }

            if (creating)
            {
                integration.Secret = secrets.Secret is null ? WebhookSecrets.Generate() : WebhookSecrets.Validate(secrets.Secret);
            }

            return;
        }

        if (secrets.Secret is not null)
        {
            throw new ArgumentException("'secret' is for webhook integrations.", "secret");
        }

        if (integration.AuthHeaderName is null && secrets.AuthHeaderValue is null)
        {
            integration.AuthHeaderValue = null;
        }
        else if (secrets.AuthHeaderValue is not null)
        {
            integration.AuthHeaderValue = secrets.AuthHeaderValue.Length is > 0 and <= 4000 && !secrets.AuthHeaderValue.Any(char.IsControl)
                ? secrets.AuthHeaderValue
                : throw new ArgumentException("'authHeaderValue' must be 1 to 4000 characters without control characters.", "authHeaderValue");
        }

        if (integration.AuthHeaderName is null != integration.AuthHeaderValue is null)
        {
            throw new ArgumentException("'authHeaderName' and 'authHeaderValue' go together.", "authHeaderValue");
        }
    }

    private static void RequireId(Guid id)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("'id' must not be the empty GUID.", "id");
        }
    }

    private async Task<(Integration? Current, CommandResult<Integration>? Refusal)> LoadAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await integrations.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return (null, CommandResult<Integration>.NotFound(Integration.AggregateType, id.ToString()));
        }

        return expectedVersion is { } expected && current.Version != expected
            ? (current, CommandResult<Integration>.Conflict(current, $"expected version {expected}, found {current.Version}"))
            : (current, null);
    }
}
