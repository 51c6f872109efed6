using System.Net;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// The URL rules for each request a guarded client sends, and no HTTP/3: QUIC connects without the
/// ConnectCallback, so it would bypass the address check.
/// </summary>
internal sealed class OutboundRequestCheck : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var verdict = request.RequestUri is { } uri ? OutboundUrlRules.Check(uri) : OutboundVerdict.Refused("The request has no URL.");
        if (!verdict.IsAllowed)
        {
            throw new OutboundRequestRefusedException(verdict.Reason!);
        }

        if (request.Version >= HttpVersion.Version30 || request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.Version = request.Version >= HttpVersion.Version30 ? HttpVersion.Version20 : request.Version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
