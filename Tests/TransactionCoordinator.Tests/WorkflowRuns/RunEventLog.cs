using AgentLightning.Contracts.Workflows;
using MassTransit.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

/// <summary>A run's published events in order, as "Name:version" (StepCompleted carries its step: "StepCompleted(b):3").</summary>
internal static class RunEventLog
{
    public static List<(string Name, long Version)> Of(ITestHarness harness, Guid runId) =>
        [.. harness.Published.Select(_ => true, RunHarness.SoFar).Select(m => m.MessageObject).Select(m => m switch
        {
            WorkflowStarted e when e.RunId == runId => ("Started", e.Version),
            WorkflowStepCompleted e when e.RunId == runId => ($"StepCompleted({e.StepName})", e.Version),
            WorkflowCompleted e when e.RunId == runId => ("Completed", e.Version),
            WorkflowFailed e when e.RunId == runId => ($"Failed({e.StepIndex})", e.Version),
            WorkflowCancelled e when e.RunId == runId => ("Cancelled", e.Version),
            _ => ("", 0L),
        }).Where(e => e.Item1 != "")];

    /// <summary>The names in order, asserting that each event's version is the one before it plus one.</summary>
    public static string Names(ITestHarness harness, Guid runId)
    {
        var events = Of(harness, runId);
        Assert.That(events.Select(e => e.Version), Is.EqualTo(Enumerable.Range(1, events.Count).Select(v => (long)v)), "versions increase by one per event");
        return string.Join(",", events.Select(e => e.Name));
    }
}
