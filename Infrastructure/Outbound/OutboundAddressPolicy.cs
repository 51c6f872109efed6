using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Judges resolved addresses against the options; the one rule both the creation check and the connect check apply.</summary>
internal sealed class OutboundAddressPolicy
{
    private readonly OutboundGuardOptions _options;
    private readonly IPNetwork[] _allowed;
    private readonly HashSet<int> _platformPorts;
    private readonly HashSet<IPEndPoint> _platformEndpoints;
    private readonly Lazy<HashSet<IPAddress>> _ownAddresses = new(OwnAddresses);

    public OutboundAddressPolicy(IOptions<OutboundGuardOptions> options)
    {
        _options = options.Value;
        _allowed = [.. _options.AllowedNetworks.Select(IPNetwork.Parse)];
        _platformPorts = [.. _options.PlatformPorts];
        _platformEndpoints = [.. _options.PlatformEndpoints.Select(IPEndPoint.Parse).Select(e => new IPEndPoint(AddressRanges.Effective(e.Address), e.Port))];
    }

    /// <summary>A host is refused when any of its addresses is: the connection could reach any of them.</summary>
    public OutboundVerdict Check(string host, IReadOnlyCollection<IPAddress> addresses, int port)
    {
        if (addresses.Count == 0)
        {
            return OutboundVerdict.Refused($"'{host}' does not resolve to any address.");
        }

        foreach (var address in addresses)
        {
            var reason = Refusal(AddressRanges.Effective(address), port);
            if (reason is not null)
            {
                var via = address.ToString() == host ? "" : $" ('{host}' resolves to {address})";
                return OutboundVerdict.Refused($"Target {address}:{port}{via} is refused: {reason}.");
            }
        }

        return OutboundVerdict.Allowed;
    }

    private string? Refusal(IPAddress address, int port)
    {
        if (IsPlatform(address, port))
        {
            return "it is one of the platform's own services";
        }

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

    /// <summary>A service bound to 0.0.0.0 answers on every address of this machine, not only on loopback.</summary>
    private bool IsPlatform(IPAddress address, int port) =>
        _platformEndpoints.Contains(new IPEndPoint(address, port))
        || (_platformPorts.Contains(port)
            && (AddressRanges.IsIn(AddressRanges.Loopback, address)
                || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
                || _ownAddresses.Value.Contains(address)));

    private static HashSet<IPAddress> OwnAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => AddressRanges.Effective(a.Address))];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
