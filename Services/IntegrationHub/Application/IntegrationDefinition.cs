using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.IntegrationHub.Application;

/// <summary>What a caller may set on an integration as a whole; its kind and secrets are set apart.</summary>
internal sealed record IntegrationDefinition(
    string Name, string Url, IReadOnlyList<string> Channels, bool Active, string? AuthHeaderName, int? CacheTtlSeconds)
{
    private const int MaxChannels = 100;

    public void Validate(string kind)
    {
        Fields.Required(Name, "name", Integration.MaxNameLength);
        Fields.Required(Url, "url", Integration.MaxUrlLength);
        if (kind == IntegrationKinds.Webhook)
        {
            if (Channels.Count is 0 or > MaxChannels)
            {
                throw new ArgumentException($"A webhook subscribes to 1 to {MaxChannels} channel patterns ('channels'), e.g. \"agent:*\".", "channels");
            }

            foreach (var channel in Channels)
            {
                _ = ChannelPattern.Parse(channel ?? "");
            }

            Refuse(AuthHeaderName is not null || CacheTtlSeconds is not null, "'authHeaderName' and 'cacheTtlSeconds' are for http integrations.");
        }
        else
        {
            Refuse(Channels.Count > 0, "'channels' are for webhook integrations.");
            if (AuthHeaderName is not null && !IsToken(AuthHeaderName))
            {
                throw new ArgumentException("'authHeaderName' must be an HTTP header name (letters, digits and -).", "authHeaderName");
            }
        }
    }

    public void ApplyTo(Integration integration)
    {
        integration.Name = Name;
        integration.Url = Url;
        integration.Channels = [.. Channels.Select(c => ChannelPattern.Parse(c).Text)];
        integration.Active = Active;
        integration.AuthHeaderName = AuthHeaderName;
        integration.CacheTtlSeconds = CacheTtlSeconds;
    }

    public bool Matches(Integration integration) =>
        integration.Name == Name && integration.Url == Url && integration.Active == Active
        && integration.Channels.SequenceEqual(Channels.Select(c => ChannelPattern.Parse(c).Text))
        && integration.AuthHeaderName == AuthHeaderName && integration.CacheTtlSeconds == CacheTtlSeconds;

    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static void Refuse(bool invalid, string message)
    {
        if (invalid)
        {
            throw new ArgumentException(message);
        }
    }
}
