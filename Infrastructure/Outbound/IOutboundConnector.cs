using System.Net;
using System.Net.Sockets;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Opens the connection to an address the guard has already checked; replaceable so tests can watch every connect.</summary>
public interface IOutboundConnector
{
    ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}

internal sealed class SocketConnector : IOutboundConnector
{
    public async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
