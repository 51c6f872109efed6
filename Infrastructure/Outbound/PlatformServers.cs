using System.Net;
using System.Net.Sockets;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// Whether a target is one of the platform's own servers: a server's address on the server's port, or any address of
/// this machine on the port of a server on this machine (bound to 0.0.0.0 it answers on all of them). A server named
/// by a host name is resolved at each check on its port, as the target is, so neither answer can go stale.
/// </summary>
internal sealed class PlatformServers(IEnumerable<PlatformServer> servers, OutboundAddresses addresses)
{
    private readonly ILookup<int, string> _hostsByPort = servers
        .DistinctBy(s => (s.Host.ToUpperInvariant(), s.Port))
        .ToLookup(s => s.Port, s => s.Host);

    /// <summary>The first of the target's addresses that is a platform server on this port; null when none is.</summary>
    public async Task<IPAddress?> FindAsync(IReadOnlyCollection<IPAddress> target, int port, CancellationToken cancellationToken)
    {
        foreach (var host in _hostsByPort[port])
        {
            var server = await AddressesOfAsync(host, cancellationToken);
            var serverOnThisMachine = server.Any(ThisMachine.Has);
            var match = target.FirstOrDefault(address =>
                AddressRanges.Effective(address) is var effective
                && (server.Contains(effective) || (serverOnThisMachine && ThisMachine.Has(effective))));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken)
    {
        if (ThisMachine.IsName(host))
        {
            return [IPAddress.Loopback];
        }

        try
        {
            return [.. (await addresses.ResolveAsync(host, cancellationToken)).Select(AddressRanges.Effective)];
        }
        catch (SocketException)
        {
            // A name that does not resolve reaches no server, through the target or anything else.
            return [];
        }
    }
}
