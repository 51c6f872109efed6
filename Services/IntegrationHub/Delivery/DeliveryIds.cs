using System.Security.Cryptography;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>
/// The webhook-id of an event's delivery to one integration: a UUID (version 8, RFC 9562) from the SHA-256 of both
/// ids, so every redelivery of the event names the same delivery.
/// </summary>
internal static class DeliveryIds
{
    public static Guid Of(Guid eventId, Guid integrationId)
    {
        Span<byte> input = stackalloc byte[32];
        eventId.TryWriteBytes(input[..16], bigEndian: true, out _);
        integrationId.TryWriteBytes(input[16..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
