using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AgentLightning.AiModel.Providers;
using AgentLightning.Contracts.Models;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>
/// Stands in for the local provider in every instance of a fixture (one object shared by all of them): measures
/// how many tasks of each model run at once, and in which order they start.
/// </summary>
internal sealed class ProbeProvider(TimeSpan duration) : ICompletionProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _running = [];
    private readonly ConcurrentQueue<(string Description, TimeSpan At)> _starts = new();
    private readonly long _origin = Stopwatch.GetTimestamp();

    public string Name => ModelProviders.Local;

    public int MaxConcurrent { get; private set; }

    public IReadOnlyList<(string Description, TimeSpan At)> Starts => [.. _starts];

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

    /// <summary>Lets the task of this description (one that starts with "hold") finish.</summary>
    public void Release(string description) => HoldOf(description).TrySetResult();

    public void ReleaseAll()
    {
        foreach (var hold in _holds.Values)
        {
            hold.TrySetResult();
        }
    }

    public async Task<JsonElement> ExecuteAsync(ProviderRequest request, Func<int, string, Task> progress, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _running[request.ProviderModel] = _running.GetValueOrDefault(request.ProviderModel) + 1;
            MaxConcurrent = Math.Max(MaxConcurrent, now);
            _starts.Enqueue((request.Description, Stopwatch.GetElapsedTime(_origin)));
        }

        try
        {
            await Task.Delay(duration, cancellationToken);
            if (request.Description.StartsWith("hold", StringComparison.Ordinal))
            {
                // Tasks whose description starts with "hold" run until released, so a spec can keep slots busy.
                await HoldOf(request.Description).Task.WaitAsync(cancellationToken);
            }

            return JsonSerializer.SerializeToElement(new { text = request.Description });
        }
        finally
        {
            lock (_lock)
            {
                _running[request.ProviderModel]--;
            }
        }
    }

    private TaskCompletionSource HoldOf(string description) =>
        _holds.GetOrAdd(description, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
