using System.Text.Json.Nodes;
using AgentLightning.Infrastructure.Hosting.Json;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters.Http;

/// <summary>The platform's list shape: <c>{ "deadLetters": [...], "count": n, "next": cursor }</c>, newest failure first.</summary>
public sealed record DeadLetterListResponse(IReadOnlyList<DeadLetterSummary> DeadLetters, int Count, string? Next);

/// <summary>
/// One dead letter with what an operator needs to judge it: the message as received (its body as text when it is
/// UTF-8, else base64), its headers and properties, why it failed (the last exception, or the target's last answer)
/// and every action taken on it, oldest first.
/// </summary>
public sealed record DeadLetterResponse(
    Guid Id, string MessageId, IReadOnlyList<string> MessageTypes, string? ContentType, string? Body, string? BodyBase64,
    RawJson Headers, RawJson Properties, string SourceService, string SourceQueue, string? DeadLetterQueue, string Reason,
    string? ExceptionType, string? ExceptionMessage, string? StackTrace, int RetryCount, int RedeliveryCount, int AttemptCount,
    int FailureCount, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, string Status, int ReplayCount,
    DateTimeOffset UpdatedAt, IReadOnlyList<DeadLetterActionResponse> Actions)
{
    public static DeadLetterResponse From(DeadLetterDetails details)
    {
        var d = details.Letter;
        var text = d.BodyText();
        return new DeadLetterResponse(
            d.Id, d.MessageId, d.MessageTypes, d.ContentType, text, text is null ? Convert.ToBase64String(d.Body) : null,
            new RawJson(d.Headers), new RawJson(d.Properties), d.SourceService, d.SourceQueue, d.DeadLetterQueue, d.Reason,
            d.ExceptionType, d.ExceptionMessage, d.StackTrace, d.RetryCount, d.RedeliveryCount, d.AttemptCount, d.FailureCount,
            d.FirstFailedAt, d.LastFailedAt, d.Status, d.ReplayCount, d.UpdatedAt,
            [.. details.Actions.Select(a => new DeadLetterActionResponse(a.Action, a.Actor, a.At, a.Detail is null ? null : new RawJson(a.Detail)))]);
    }
}

/// <summary>An audited action: retry, edit-and-retry or archive, who did it, when, and what it did (replay count, body hashes).</summary>
public sealed record DeadLetterActionResponse(string Action, string Actor, DateTimeOffset At, RawJson? Detail);

/// <summary>An edit and retry: the corrected message, which replaces the one in the stored envelope.</summary>
public sealed record DeadLetterEdit(JsonNode? Message);
