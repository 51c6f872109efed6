using System.Diagnostics;
using System.Globalization;
using System.Text;
using AgentLightning.Infrastructure.Outbound;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.IntegrationHub.Application;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StandardWebhooks;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>
/// POSTs one signed delivery (Standard Webhooks headers) and tells how it went, never throwing for the target's
/// failures: a timeout, a refused address, an open circuit or an error answer are all a failed attempt.
/// </summary>
internal sealed class WebhookClient(HttpClient http, TimeProvider clock)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public async Task<WebhookAttempt> PostAsync(Uri target, string secret, Guid deliveryId, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var id = deliveryId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdHeader, id);
        request.Headers.Add(TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, new StandardWebhook(WebhookSecrets.Key(secret)).Sign(id, now, body));
        var attempt = new WebhookAttempt { At = now };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.Succeeded = response.IsSuccessStatusCode;
            attempt.Response = await PrefixAsync(response.Content, cancellationToken);
            attempt.Error = attempt.Succeeded ? null : $"HTTP {attempt.StatusCode} {response.ReasonPhrase}";
        }
        catch (BrokenCircuitException)
        {
            attempt.Error = $"the circuit for {target.Authority} is open after repeated failures: not called";
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            attempt.Error = "timed out";
        }
        catch (HttpRequestException e)
        {
            attempt.Error = OutboundRequestRefusedException.Find(e) is { } refused ? $"refused by the outbound guard: {refused.Message}" : e.Message;
        }

        attempt.DurationMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return attempt;
    }

    /// <summary>The first KB of the answer, read no further (a receiver may answer with anything).</summary>
    private static async Task<string?> PrefixAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.MaxResponseLength];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        return read == 0 ? null : Truncate(Encoding.UTF8.GetString(buffer, 0, read));
    }

    private static string Truncate(string text) =>
        (text.Length > WebhookAttempt.MaxResponseLength ? text[..WebhookAttempt.MaxResponseLength] : text).Replace('\0', ' ');
}
