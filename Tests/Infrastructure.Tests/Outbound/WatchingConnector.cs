using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Infrastructure.Outbound;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>
/// The last line: connects only inside 127.0.0.0/8 and fails the test for anything else, so even a broken
/// guard cannot make a spec open a connection to another address.
/// </summary>
internal sealed class WatchingConnector : IOutboundConnector
{
    private static readonly IPNetwork Loopback = IPNetwork.Parse("127.0.0.0/8");

    public ConcurrentQueue<IPEndPoint> Connects { get; } = new();

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Connects.Enqueue(endpoint);
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (!Loopback.Contains(address))
        {
            Assert.Fail($"The guard let a connection to {endpoint} through; tests may only connect inside 127.0.0.0/8.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
