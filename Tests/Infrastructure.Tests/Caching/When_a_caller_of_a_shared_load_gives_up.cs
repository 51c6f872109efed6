using AgentLightning.Infrastructure.Caching;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: the shared load ran with the first caller's token, so when that caller's request was aborted every
/// other caller waiting for the same entry got an OperationCanceledException its own request had not asked for (a 500).
/// </summary>
public sealed class When_a_caller_of_a_shared_load_gives_up
{
    [Test]
    public async Task Should_still_give_the_others_the_loaded_value()
    {
        var flights = new SingleFlight();
        var database = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var firstGivesUp = new CancellationTokenSource();
        Task<string> Load(CancellationToken token) => database.Task.WaitAsync(token);

        var first = flights.RunAsync("agent:a-1", Load, firstGivesUp.Token);
        var second = flights.RunAsync("agent:a-1", Load, CancellationToken.None);
        await firstGivesUp.CancelAsync();
        database.SetResult("a-1 as loaded");

        Assert.Multiple(() =>
        {
            Assert.That(async () => await first, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await second, Is.EqualTo("a-1 as loaded"));
        });
    }

    [Test]
    public async Task Should_stop_waiting_for_the_caller_who_gave_up()
    {
        var flights = new SingleFlight();
        var database = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var givesUp = new CancellationTokenSource();

        var call = flights.RunAsync("agent:a-2", _ => database.Task, givesUp.Token);
        await givesUp.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        database.SetResult("late");
    }
}
