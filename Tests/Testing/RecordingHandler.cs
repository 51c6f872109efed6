using System.Collections.Concurrent;
using System.Net;

namespace AgentLightning.Testing;

/// <summary>
/// The last handler of a caller's HttpClient, after service discovery: records the address each request was resolved
/// to (also on the request, as <see cref="Resolved"/>), then sends it on through <paramref name="inner"/>, or answers
/// 200 itself and sends nothing anywhere when there is none.
/// </summary>
public sealed class RecordingHandler(HttpMessageHandler? inner = null) : DelegatingHandler
{
    /// <summary>The resolved address, on the request the caller sent (service discovery puts back the name it had).</summary>
    public static readonly HttpRequestOptionsKey<Uri> Resolved = new("resolved");

    private readonly ConcurrentQueue<Uri> _sent = new();
    private readonly HttpMessageInvoker? _inner = inner is null ? null : new HttpMessageInvoker(inner);

    public IReadOnlyList<Uri> Sent => [.. _sent];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue(request.RequestUri!);
        request.Options.Set(Resolved, request.RequestUri!);
        return _inner is null ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)) : _inner.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
        }

        base.Dispose(disposing);
    }
}
