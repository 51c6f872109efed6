namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// Checks a URL before it is stored (an integration's target or base URL). Delivery checks again at connect
/// time through a guarded HttpClient, since DNS answers and redirects change after creation.
/// </summary>
public interface IOutboundTargetGuard
{
    Task<OutboundVerdict> CheckAsync(Uri target, CancellationToken cancellationToken);
}
