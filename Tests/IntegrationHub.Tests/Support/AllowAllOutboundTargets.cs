using AgentLightning.Infrastructure.Outbound;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>
/// Temporary stand-in for the outbound guard until its branch is merged with the hub's: these specs' targets are
/// receivers on 127.0.0.1 and example.com names that nothing connects to. The guard's own specs cover refusals.
/// </summary>
internal sealed class AllowAllOutboundTargets : IOutboundTargetGuard
{
    public Task<OutboundVerdict> CheckAsync(Uri target, CancellationToken cancellationToken) => Task.FromResult(OutboundVerdict.Allowed);
}
