namespace AgentLightning.Contracts.Integrations;

/// <summary>Kinds of external system the Integration Hub connects to.</summary>
public static class IntegrationKinds
{
    public const string Webhook = "webhook";

    public const string Http = "http";

    public const string Slack = "slack";

    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Webhook, Http, Slack, Email];
}
