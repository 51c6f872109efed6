namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed record ScheduledPing(Guid Id);

public sealed record PublishedPing(Guid Id);

public sealed record ScheduleFollowUp(Guid Id, Uri PingAddress);

public sealed record AlwaysFails(Guid Id);

public sealed record FailsTwice(Guid Id);

public sealed record Invalid(Guid Id);
