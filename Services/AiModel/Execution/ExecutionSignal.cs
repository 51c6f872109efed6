namespace AgentLightning.AiModel.Execution;

/// <summary>Wakes this instance's executor at once when a task was queued or a slot freed here; other instances poll.</summary>
internal sealed class ExecutionSignal
{
    private readonly SemaphoreSlim _bell = new(0, 1);
    private readonly Lock _ringing = new();

    /// <summary>
    /// Already rung is enough: one wake-up covers every reason. Checked rather than caught: a SemaphoreFullException
    /// per ring cost about two thrown exceptions per task (a task rings when queued and when its slot frees).
    /// </summary>
    public void Ring()
    {
        // Only Ring raises the count, so under the lock the check cannot go stale before the release.
        lock (_ringing)
        {
            if (_bell.CurrentCount == 0)
            {
                _bell.Release();
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _bell.WaitAsync(timeout, cancellationToken);
}
