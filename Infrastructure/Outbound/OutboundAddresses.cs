using System.Net;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>An IP literal is its own address (never sent to DNS); any other host goes through the resolver once.</summary>
internal sealed class OutboundAddresses(IOutboundAddressResolver resolver)
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(bare, cancellationToken);
    }
}
