using Microsoft.AspNetCore.Mvc;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters.Http;

/// <summary>The filters of <c>GET /dead-letters</c>, bound with <c>[AsParameters]</c>; each one left out matches everything.</summary>
public sealed class DeadLetterQuery
{
    /// <summary>The service the message failed in (its Service:Name).</summary>
    [FromQuery(Name = "service")]
    public string? Service { get; init; }

    /// <summary>The queue it failed on, or <c>exchange:name</c> for a message that was never delivered.</summary>
    [FromQuery(Name = "queue")]
    public string? Queue { get; init; }

    /// <summary>A message type URN, e.g. <c>urn:message:AgentLightning.Contracts.Agents:CreateAgent</c>.</summary>
    [FromQuery(Name = "messageType")]
    public string? MessageType { get; init; }

    /// <summary>fault, skipped, poison, undeliverable or rejected.</summary>
    [FromQuery(Name = "reason")]
    public string? Reason { get; init; }

    /// <summary>pending, replayed, archived or applied.</summary>
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>The filter; <see cref="ArgumentException"/> (400) for a reason or status that does not exist.</summary>
    public DeadLetterFilter ToFilter() => new()
    {
        SourceService = Service,
        SourceQueue = Queue,
        MessageType = MessageType,
        Reason = OneOf(Reason, DeadLetterReason.All, "reason"),
        Status = OneOf(Status, DeadLetterStatus.All, "status"),
    };

    private static string? OneOf(string? value, IReadOnlyList<string> allowed, string name) =>
        value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ArgumentException($"'{name}' must be one of {string.Join(", ", allowed)}; got '{value}'.", name);
}
