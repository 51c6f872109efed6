using System.Diagnostics;

namespace AgentLightning.Benchmarks;

/// <summary>
/// Open-loop offer: item k is due at start + k/rate (all at once with no rate) and sent by whichever sender is free,
/// so a slow system shows as latency from the due time instead of as a lower offered rate.
/// </summary>
public static class OpenLoop
{
    /// <summary>Calls <paramref name="send"/> with item k and the Stopwatch timestamp it was due at.</summary>
    public static async Task OfferAsync(int count, int? rate, int senders, Func<int, long, Task> send)
    {
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                var due = rate is { } perSecond ? start + (long)((double)k / perSecond * Stopwatch.Frequency) : Stopwatch.GetTimestamp();
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await send(k, due);
            }
        })));
    }
}
