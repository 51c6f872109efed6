namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Asks <see cref="ScheduleThenFailConsumer"/> to schedule pings (<paramref name="Id"/> through its consume context,
/// <paramref name="ScopeId"/> through the scope's IMessageScheduler) after <paramref name="Delay"/>, cancel
/// <paramref name="CancelToken"/>, and then fail its first <paramref name="FailedAttempts"/> attempts.
/// </summary>
public sealed record ScheduleThenFail(Guid Id, Guid ScopeId, Uri PingAddress, TimeSpan Delay, int FailedAttempts, Guid? CancelToken = null);
