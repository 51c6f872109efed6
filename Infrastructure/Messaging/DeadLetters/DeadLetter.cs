using System.Text;
using AgentLightning.Infrastructure.Messaging.Capture;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// A message that could not be processed, with everything needed to understand and replay it. One row per
/// message id and source queue: capturing it twice changes nothing, failing again after a replay updates it.
/// </summary>
public sealed class DeadLetter
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public Guid Id { get; set; }

    /// <summary>The AMQP message id (MassTransit's MessageId); for a message without one, a hash of its body.</summary>
    public required string MessageId { get; set; }

    /// <summary>Message type URNs from the envelope or the fault headers; empty when the body could not be read.</summary>
    public string[] MessageTypes { get; set; } = [];

    public string? ContentType { get; set; }

    /// <summary>Exactly the bytes that were received (bytea): a body that is not UTF-8 survives too.</summary>
    public required byte[] Body { get; set; }

    /// <summary>Every AMQP header as JSON (jsonb); see <see cref="HeaderJson"/> for how non-text values are kept.</summary>
    public required string Headers { get; set; }

    /// <summary>The AMQP basic properties (message id, content type, correlation id, ...) as JSON (jsonb).</summary>
    public required string Properties { get; set; }

    public required string SourceService { get; set; }

    /// <summary>
    /// The receive endpoint's queue the message failed on, and where a retry sends it; for a message the outbox or
    /// the scheduler could never send, <c>exchange:</c> and the exchange it was sent to.
    /// </summary>
    public required string SourceQueue { get; set; }

    /// <summary>
    /// The queue it was captured from (<c>_error</c>, <c>_skipped</c>), or the sender that gave up on it
    /// (<c>outbox</c>, <c>scheduler</c>); null when added directly otherwise.
    /// </summary>
    public string? DeadLetterQueue { get; set; }

    public required string Reason { get; set; }

    public string? ExceptionType { get; set; }

    public string? ExceptionMessage { get; set; }

    public string? StackTrace { get; set; }

    /// <summary>MT-Fault-RetryCount of the last failure: retries within one delivery.</summary>
    public int RetryCount { get; set; }

    /// <summary>MT-Redelivery-Count of the last failure: deliveries after the first.</summary>
    public int RedeliveryCount { get; set; }

    /// <summary>Consumer attempts over every captured failure: (retries + 1) × (redeliveries + 1) each.</summary>
    public int AttemptCount { get; set; }

    /// <summary>How many times the message ended up here: 1, plus one for each failure after a replay.</summary>
    public int FailureCount { get; set; }

    public DateTimeOffset FirstFailedAt { get; set; }

    public DateTimeOffset LastFailedAt { get; set; }

    public required string Status { get; set; }

    public int ReplayCount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The body as text when it is valid UTF-8, else null (then show <see cref="Body"/> as base64).</summary>
    public string? BodyText()
    {
        try
        {
            return StrictUtf8.GetString(Body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
