namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// A run's event arrived before one the saga published earlier: retried (then redelivered) until that one has been
/// applied. If the earlier one became a dead letter, this one follows it there, and replaying both in order applies them.
/// </summary>
internal sealed class RunEventAheadException(string eventType, Guid runId, long version, long applied)
    : Exception($"{eventType} {version} for run {runId} is ahead of the run, which has applied up to {applied}: it waits for {applied + 1}.");
