using System.Net;
using System.Net.Sockets;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// The guarded client's ConnectCallback: every new connection (first request, each redirect, each pool refill)
/// resolves its host once, is refused if any address is refused, and connects only to those checked addresses,
/// so a name that changes its answer after the creation check (DNS rebinding) cannot slip through.
/// </summary>
internal sealed class OutboundConnection(OutboundAddresses addresses, OutboundAddressPolicy policy, IOutboundConnector connector)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var resolved = await addresses.ResolveAsync(host, cancellationToken);
        var verdict = await policy.CheckAsync(host, resolved, port, cancellationToken);
        if (!verdict.IsAllowed)
        {
            throw new OutboundRequestRefusedException(verdict.Reason!);
        }

        SocketException? last = null;
        foreach (var address in resolved)
        {
            try
            {
                return await connector.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last!;
    }
}
