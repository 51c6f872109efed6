using System.Net.Sockets;

namespace AgentLightning.Infrastructure.Outbound;

internal sealed class OutboundTargetGuard(OutboundAddresses addresses, OutboundAddressPolicy policy) : IOutboundTargetGuard
{
    public async Task<OutboundVerdict> CheckAsync(Uri target, CancellationToken cancellationToken)
    {
        var url = OutboundUrlRules.Check(target);
        if (!url.IsAllowed)
        {
            return url;
        }

        try
        {
            var resolved = await addresses.ResolveAsync(target.IdnHost, cancellationToken);
            return await policy.CheckAsync(target.IdnHost, resolved, target.Port, cancellationToken);
        }
        catch (SocketException e)
        {
            return OutboundVerdict.Refused($"'{target.IdnHost}' could not be resolved: {e.Message}");
        }
    }
}
