using System.Text.Json.Nodes;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>A command contract as GET /commands shows it: who consumes it and the body POST /commands/{messageType} accepts.</summary>
public sealed record CommandDescription(string MessageType, string Owner, JsonNode Schema);

/// <summary>Every command contract; a fixed catalog of the Contracts assembly, so not paged.</summary>
public sealed record CommandListResponse(IReadOnlyList<CommandDescription> Commands, int Count);

/// <summary>The command is in the outbox of the request's committed transaction; <see cref="Outcome"/> follows it.</summary>
public sealed record CommandAccepted(Guid MessageId, string MessageType, string Owner, string Outcome);

/// <summary>What became of a command sent through POST /commands (see <see cref="CommandStatuses"/>).</summary>
public sealed record CommandOutcome(
    Guid MessageId, string MessageType, string Owner, string Status, CommandRejection? Rejection, IReadOnlyList<CommandEvent> Events);

/// <summary>Why the owner refused the command (a CommandRejected reason, see CommandRejections) and what an operator reads.</summary>
public sealed record CommandRejection(string Reason, string? Detail, DateTimeOffset RejectedAt);

/// <summary>A change the owner made for the command: a row of its event log.</summary>
public sealed record CommandEvent(string EventType, string AggregateType, string AggregateId, long Sequence, DateTimeOffset OccurredAt);
