using System.Net;
using System.Net.NetworkInformation;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>The addresses of this machine: a server bound to 0.0.0.0 answers on every one of them, loopback included.</summary>
internal static class ThisMachine
{
    /// <summary>The host of a platform server known only by its port on this machine.</summary>
    public const string Name = "localhost";

    private static readonly Lazy<HashSet<IPAddress>> OwnAddresses = new(ReadOwnAddresses);

    /// <summary>localhost and its subdomains (RFC 6761) are loopback whatever DNS says.</summary>
    public static bool IsName(string host) =>
        host.Equals(Name, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + Name, StringComparison.OrdinalIgnoreCase);

    public static bool Has(IPAddress address) =>
        AddressRanges.IsIn(AddressRanges.Loopback, address)
        || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
        || OwnAddresses.Value.Contains(address);

    private static HashSet<IPAddress> ReadOwnAddresses()
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
