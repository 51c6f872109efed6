using System.Diagnostics;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>Counts the SQL commands Npgsql runs against the agents table (seen through its traces).</summary>
internal sealed class AgentQueryCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public AgentQueryCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var statement = activity.TagObjects.Select(t => t.Value as string).FirstOrDefault(v => v?.Contains("FROM agents", StringComparison.Ordinal) == true);
                if (statement is not null)
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
