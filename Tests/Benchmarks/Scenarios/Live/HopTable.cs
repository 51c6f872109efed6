namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// Where one case's time went, hop by hop along commit → outbox → broker → WebSocket service → socket → client, and
/// what each event cost in counts (which hold on a busy machine, where latencies do not).
/// </summary>
internal sealed record HopTable(
    string Case, int Events, OutboxHops.Snapshot Outbox, LatencyRecorder CommitToBus, LatencyRecorder BusToFrame, LatencyRecorder CommitToFrame,
    double ServiceMicrosecondsPerFrame, double? ClientsMicrosecondsPerFrame, double HarnessMillisecondsPerEvent)
{
    public void Print()
    {
        Console.WriteLine($"where the time goes, {Case} (p50 / p90 / p99 ms):");
        foreach (var phase in OutboxHops.Phases)
        {
            Row($"  outbox round, {phase}", Outbox.Phases[phase], "each round that claimed outboxes");
        }

        Row("  publish → broker confirm", Outbox.Delay, "outbox, each message: its transaction's rest, the wake-up, the round up to its confirm");
        Row("  commit → a bus consumer", CommitToBus, "harness clock: outbox and broker, to a plain consumer in the harness");
        Row("  bus consumer → frame at client", BusToFrame, "harness clock: the WebSocket service's whole hop and the client's receive");
        Row("  commit → frame at client", CommitToFrame, "harness clock: the total");
        double events = Math.Max(1, Events);
        Console.WriteLine($"  per event: {Outbox.Rounds / events:F2} delivery rounds ({Outbox.EmptyRounds / events:F2} found nothing), "
            + $"{Outbox.Sql / events:F2} SQL commands in the producer's process, {HarnessMillisecondsPerEvent:F2} ms harness CPU; "
            + $"WebSocket service {ServiceMicrosecondsPerFrame:F1} µs CPU per frame"
            + (ClientsMicrosecondsPerFrame is { } clients ? $", the clients' process {clients:F1} µs per frame" : " (the clients run in the harness)"));
        Console.WriteLine();
    }

    private static void Row(string hop, LatencyRecorder latencies, string what) =>
        Console.WriteLine($"{hop,-36} {latencies.Percentile(0.5) / 1000.0,8:F2} {latencies.Percentile(0.9) / 1000.0,8:F2} {latencies.Percentile(0.99) / 1000.0,8:F2}   n={latencies.Count,-7} {what}");
}
