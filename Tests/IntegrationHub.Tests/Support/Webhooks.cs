using System.Net;
using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

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

    /// <summary>What a receiver does with the Standard Webhooks library: throws unless the signature is the secret's.</summary>
    public static void Verify(string secret, ReceivedWebhook webhook) =>
        new StandardWebhook(secret).Verify(webhook.Body, new HeaderDictionary
        {
            ["webhook-id"] = webhook.Id,
            ["webhook-timestamp"] = webhook.Timestamp,
            ["webhook-signature"] = webhook.Signature,
        });

    public static JsonElement Json(this ReceivedWebhook webhook) => JsonDocument.Parse(webhook.Body).RootElement.Clone();

    public static Guid EventId(this ReceivedWebhook webhook) => webhook.Json().GetProperty("eventId").GetGuid();
}
