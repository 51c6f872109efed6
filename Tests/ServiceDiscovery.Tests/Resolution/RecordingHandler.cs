using System.Collections.Concurrent;
using System.Net;

namespace AgentLightning.ServiceDiscovery.Tests.Resolution;

/// <summary>The end of a caller's HttpClient: records where each request was resolved to, and sends nothing anywhere.</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Uri> _sent = new();

    public IReadOnlyList<Uri> Sent => [.. _sent];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
