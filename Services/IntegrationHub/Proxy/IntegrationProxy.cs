using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>One GET through an http integration: from the cache if a fresh answer is there, else upstream with its auth header.</summary>
internal sealed class IntegrationProxy(IntegrationRepository integrations, ExternalApiClient upstream, ProxyCache cache, IOptions<ProxyOptions> options)
{
    public const string CacheHeader = "X-Proxy-Cache";

    public async Task<IResult> GetAsync(Guid id, string? path, QueryString query, HttpResponse response, CancellationToken cancellationToken)
    {
        var integration = await integrations.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Integration.AggregateType, id.ToString());
        if (integration.Kind != IntegrationKinds.Http)
        {
            throw new ArgumentException($"Integration {id} is a {integration.Kind} integration; only http integrations have a proxy.");
        }

        if (!integration.Active)
        {
            throw new DataConflictException(Integration.AggregateType, id.ToString(), "is not active");
        }

        var target = ProxyPath.Resolve(integration.Url, path, query.Value);
        var ttl = TimeSpan.FromSeconds(integration.CacheTtlSeconds ?? 0);
        var key = cache.Key(id, integration.Version, target);
        if (ttl > TimeSpan.Zero && await cache.GetAsync(key) is { } cached)
        {
            response.Headers[CacheHeader] = "hit";
            return cached;
        }

        ProxyAnswer answer;
        try
        {
            var secrets = await integrations.SecretsAsync(id, cancellationToken);
            answer = await upstream.GetAsync(target, integration.AuthHeaderName, secrets?.AuthHeaderValue, cancellationToken);
        }
        catch (Exception e) when (ProxyFailures.For(e, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (answer.Status >= 500 || answer.Status is >= 300 and < 400)
        {
            return ProxyFailures.UpstreamStatus(answer.Status);
        }

        if (answer.Status == StatusCodes.Status200OK && ttl > TimeSpan.Zero && answer.Body.Length <= options.Value.MaxCachedBytes)
        {
            await cache.SetAsync(key, answer, ttl);
        }

        response.Headers[CacheHeader] = "miss";
        return answer;
    }
}
