using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Infrastructure.Outbound;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>
/// The hub's outbound connections in these specs: names never reach DNS (every target is an address), and a
/// connection outside 127.0.0.0/8 is refused and recorded, so even a broken guard cannot reach another machine.
/// </summary>
internal sealed class LoopbackOnly : IOutboundAddressResolver, IOutboundConnector
{
    private static readonly IPNetwork Loopback = IPNetwork.Parse("127.0.0.0/8");

    public ConcurrentQueue<IPEndPoint> Violations { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var address) ? Task.FromResult<IPAddress[]>([address]) : throw new SocketException((int)SocketError.HostNotFound);

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (!Loopback.Contains(address))
        {
            Violations.Enqueue(endpoint);
            throw new SocketException((int)SocketError.AccessDenied);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
