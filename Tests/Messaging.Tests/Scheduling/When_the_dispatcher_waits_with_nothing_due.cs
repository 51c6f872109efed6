using AgentLightning.Infrastructure.Messaging.Scheduling;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// An idle dispatcher waits once per poll in every service: the wait running out is its normal end and must not throw
/// (it did, one exception a second per process, seen in the idle cost of the tasks benchmark).
/// </summary>
public sealed class When_the_dispatcher_waits_with_nothing_due
{
    [Test]
    public async Task Should_not_throw_when_the_wait_runs_out()
    {
        var signal = new DispatchSignal();
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            // Its stack at first chance is only the rethrow; this assembly's fixtures run one at a time, so any counts.
            if (e.Exception is OperationCanceledException)
            {
                Interlocked.Increment(ref thrown);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            for (var poll = 0; poll < 5; poll++)
            {
                await signal.WaitAsync(DateTime.MaxValue, TimeSpan.FromMilliseconds(5), CancellationToken.None);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.That(thrown, Is.Zero);
    }

    [Test]
    public async Task Should_wake_at_a_signal_and_stop_at_the_stopping_token()
    {
        var signal = new DispatchSignal();
        var waiting = signal.WaitAsync(DateTime.MaxValue, TimeSpan.FromMinutes(5), CancellationToken.None);
        signal.Scheduled(DateTime.UtcNow);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        using var stopping = new CancellationTokenSource();
        var stopped = signal.WaitAsync(DateTime.MaxValue, TimeSpan.FromMinutes(5), stopping.Token);
        await stopping.CancelAsync();
        Assert.That(async () => await stopped.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
    }
}
