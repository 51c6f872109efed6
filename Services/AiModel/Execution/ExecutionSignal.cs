namespace AgentLightning.AiModel.Execution;

/// <summary>Wakes this instance's executor at once when a task was queued or a slot freed here; other instances poll.</summary>
internal sealed class ExecutionSignal
{
    private readonly SemaphoreSlim _bell = new(0, 1);

    public void Ring()
    {
        try
        {
            _bell.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung: one wake-up covers every reason.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _bell.WaitAsync(timeout, cancellationToken);
}
