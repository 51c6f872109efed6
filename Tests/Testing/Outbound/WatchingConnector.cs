using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Infrastructure.Outbound;

namespace AgentLightning.Testing.Outbound;

/// <summary>
/// The last line: connects only inside 127.0.0.0/8 and fails the test (<paramref name="fail"/>, e.g. NUnit's
/// Assert.Fail) for anything else, so even a broken guard cannot make a spec open a connection to another address.
/// </summary>
public sealed class WatchingConnector(Action<string> fail) : IOutboundConnector
{
    private static readonly IPNetwork Loopback = IPNetwork.Parse("127.0.0.0/8");

    public ConcurrentQueue<IPEndPoint> Connects { get; } = new();

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Connects.Enqueue(endpoint);
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (!Loopback.Contains(address))
        {
            fail($"The guard let a connection to {endpoint} through; tests may only connect inside 127.0.0.0/8.");
            throw new InvalidOperationException($"Refused to connect to {endpoint} outside 127.0.0.0/8.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
