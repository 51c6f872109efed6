using System.Diagnostics;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>Counts the SQL commands Npgsql runs whose text contains a given text (seen through its traces).</summary>
internal sealed class StatementCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public StatementCounter(string text)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TagObjects.Any(t => t.Value is string v && v.Contains(text, StringComparison.Ordinal)))
                {
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
