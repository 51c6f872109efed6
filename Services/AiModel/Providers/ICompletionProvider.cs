using System.Text.Json;

namespace AgentLightning.AiModel.Providers;

/// <summary>Runs one task on a model. Throws (any exception) to fail the task; its message becomes the task's error.</summary>
internal interface ICompletionProvider
{
    /// <summary>One of Contracts' ModelProviders, as models name it.</summary>
    string Name { get; }

    /// <summary>The task's result (a JSON object). <paramref name="progress"/> reports a percentage and a note.</summary>
    Task<JsonElement> ExecuteAsync(ProviderRequest request, Func<int, string, Task> progress, CancellationToken cancellationToken);
}

/// <summary>A task as a provider sees it: what to do, and on which of its models.</summary>
internal sealed record ProviderRequest(Guid TaskId, string AgentId, string ProviderModel, int ContextWindow, string Description, string? Context);
