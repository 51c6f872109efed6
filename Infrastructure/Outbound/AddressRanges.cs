using System.Net;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>The address ranges the guard refuses, each with the reason a caller sees.</summary>
internal static class AddressRanges
{
    public static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fec0::/10"),
    ];

    /// <summary>Never a legitimate outside target, whatever AllowLoopback or AllowPrivateNetworks say.</summary>
    public static readonly (IPNetwork Network, string Kind)[] Reserved =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified ('this network')"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved for protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("198.51.100.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("2001:db8::/32"), "reserved for documentation"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved for benchmarking"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>
    /// The IPv4 address an IPv6 one carries where the network reaches that IPv4 host (mapped, NAT64,
    /// IPv4-compatible), so ::ffff:10.0.0.5 is judged as 10.0.0.5.
    /// </summary>
    public static IPAddress Effective(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && (Nat64.Contains(address) || (Ipv4Compatible.Contains(address) && !IsZeroOrOne(address))))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }

        return address;
    }

    public static bool IsIn(IPNetwork[] networks, IPAddress address) => networks.Any(n => n.Contains(address));

    private static bool IsZeroOrOne(IPAddress address) => address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback);
}
