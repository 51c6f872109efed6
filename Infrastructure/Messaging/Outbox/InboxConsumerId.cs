using System.Security.Cryptography;
using System.Text;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// The inbox's consumer id as MassTransit 8.5 derives OutboxConsumeOptions.ConsumerId for an endpoint's consumer:
/// a hash of "consumer type:message type:endpoint name" (MD5; MassTransit's FIPS mode, SHA-256, is not followed),
/// stored formatted "N".
/// Computed again from a dead letter to find whether its message took effect.
/// </summary>
internal static class InboxConsumerId
{
    public static string Of(string consumerType, string messageType, string endpointName)
    {
        var key = Encoding.UTF8.GetBytes($"{consumerType}:{messageType}:{endpointName}");
#pragma warning disable CA5351 // An identifier that must equal MassTransit's, not a security hash.
        return new Guid(MD5.HashData(key)).ToString("N");
#pragma warning restore CA5351
    }
}
