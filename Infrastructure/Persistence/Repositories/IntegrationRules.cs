using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>What every stored integration satisfies, whoever wrote it (HTTP, a command).</summary>
public static class IntegrationRules
{
    public const int MaxCacheTtlSeconds = 86_400;

    public static void Validate(Integration integration)
    {
        if (string.IsNullOrWhiteSpace(integration.Name) || integration.Name.Length > Integration.MaxNameLength)
        {
            throw new ArgumentException($"'name' is required: at most {Integration.MaxNameLength} characters.", "name");
        }

        if (!IntegrationRepository.Kinds.Contains(integration.Kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'kind' must be one of {string.Join(", ", IntegrationRepository.Kinds)}; got '{integration.Kind}'.", "kind");
        }

        Url(integration.Url, "url");
        if (integration.Kind == IntegrationKinds.Webhook && string.IsNullOrEmpty(integration.Secret))
        {
            throw new ArgumentException("A webhook integration has a signing secret.", "secret");
        }

        if (integration.CacheTtlSeconds is < 0 or > MaxCacheTtlSeconds)
        {
            throw new ArgumentException($"'cacheTtlSeconds' must be between 0 and {MaxCacheTtlSeconds}.", "cacheTtlSeconds");
        }
    }

    /// <summary>An absolute http(s) URL without user info (credentials in a URL would end up in logs and responses).</summary>
    public static Uri Url(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > Integration.MaxUrlLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            throw new ArgumentException(
                $"'{field}' must be an absolute http or https URL of at most {Integration.MaxUrlLength} characters, without user info or fragment.", field);
        }

        return url;
    }
}
