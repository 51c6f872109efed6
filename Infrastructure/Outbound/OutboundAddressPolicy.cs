using System.Net;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Judges resolved addresses against the options; the one rule both the creation check and the connect check apply.</summary>
internal sealed class OutboundAddressPolicy
{
    private readonly OutboundGuardOptions _options;
    private readonly IPNetwork[] _allowed;
    private readonly PlatformServers _platform;

    public OutboundAddressPolicy(IOptions<OutboundGuardOptions> options, PlatformServers platform)
    {
        _options = options.Value;
        _allowed = [.. _options.AllowedNetworks.Select(IPNetwork.Parse)];
        _platform = platform;
    }

    /// <summary>A host is refused when any of its addresses is: the connection could reach any of them.</summary>
    public async Task<OutboundVerdict> CheckAsync(string host, IReadOnlyCollection<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        if (addresses.Count == 0)
        {
            return OutboundVerdict.Refused($"'{host}' does not resolve to any address.");
        }

        // Whatever else is allowed: loopback in development must not reach the platform's own database or broker.
        if (await _platform.FindAsync(addresses, port, cancellationToken) is { } platform)
        {
            return Refused(host, platform, port, "it is one of the platform's own services");
        }

        foreach (var address in addresses)
        {
            if (Refusal(AddressRanges.Effective(address)) is { } reason)
            {
                return Refused(host, address, port, reason);
            }
        }

        return OutboundVerdict.Allowed;
    }

    private static OutboundVerdict Refused(string host, IPAddress address, int port, string reason)
    {
        var via = address.ToString() == host ? "" : $" ('{host}' resolves to {address})";
        return OutboundVerdict.Refused($"Target {address}:{port}{via} is refused: {reason}.");
    }

    private string? Refusal(IPAddress address)
    {
        if (AddressRanges.IsIn(_allowed, address))
        {
            return null;
        }

        if (AddressRanges.Reserved.FirstOrDefault(r => r.Network.Contains(address)) is { Kind: { } kind })
        {
            return $"the address is {kind}";
        }

        if (AddressRanges.IsIn(AddressRanges.Loopback, address))
        {
            return _options.AllowLoopback ? null : "the address is loopback";
        }

        if (AddressRanges.IsIn(AddressRanges.Private, address))
        {
            return _options.AllowPrivateNetworks ? null : "the address is in a private network";
        }

        return null;
    }
}
