using System.Net;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Turns a host name into addresses; replaceable so tests control what a name resolves to.</summary>
public interface IOutboundAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsAddressResolver : IOutboundAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
