using System.Net;
using AgentLightning.Contracts.Agents;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>Webhook integrations and the events they get, as the delivery specs use them.</summary>
internal static class Webhooks
{
    /// <summary>Creates an active webhook to <paramref name="url"/>; returns its id and its secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateAsync(this HttpClient operatorClient, Uri url, params string[] channels)
    {
        var created = await (await operatorClient.PostJsonAsync("/integrations", new { name = "receiver", kind = "webhook", url, channels }))
            .JsonAsync(HttpStatusCode.Created);
        return (Guid.Parse(created.GetProperty("id").GetString()!), created.GetProperty("secret").GetString()!);
    }

    public static AgentCreated AgentCreated(string agentId) => new()
    {
        AgentId = agentId,
        Name = "Agent " + agentId,
        Model = "gpt-4o-mini",
        Status = "active",
        Version = 1,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static string NewAgentId() => "agent-" + Guid.NewGuid().ToString("N")[..12];

    public static Guid EventId(this ReceivedWebhook webhook) => webhook.Json().GetProperty("eventId").GetGuid();
}
