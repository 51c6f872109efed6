using System.Net;
using System.Text.Json;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Support;

/// <summary>What the tests create through the public API, each with a name of its own.</summary>
public static class Catalog
{
    public static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}"[..24];

    /// <summary>
    /// A model on the built-in local provider; a failing one fails every task it runs. Its slots are shared by running
    /// tasks and provisioning's capacity reservations.
    /// </summary>
    public static async Task<string> CreateModelAsync(RunningPlatform platform, string token, bool failing = false, int maxConcurrentTasks = 4)
    {
        var name = NewId("model");
        using var response = await platform.AiModel.Client.SendAsync(HttpMethod.Post, "/models", token, new
        {
            name,
            provider = "local",
            providerModel = failing ? "always-fail" : "echo",
            contextWindow = 8192,
            maxConcurrentTasks,
        });
        await response.JsonAsync(HttpStatusCode.Created);
        return name;
    }

    public static async Task<JsonElement> CreateAgentAsync(RunningPlatform platform, string token, string model, string? id = null)
    {
        id ??= NewId("agent");
        using var response = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Post, "/agents", token, new
        {
            id,
            name = $"Agent {id}",
            model,
            specialization = "testing",
            capabilities = new[] { "search", "summarise" },
            config = new { temperature = 0.2 },
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Every page of a list, following its <c>next</c> cursor.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(HttpClient client, string path, string items, string token)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetJsonAsync(next is null ? path : $"{path}{separator}after={Uri.EscapeDataString(next)}", token);
            all.AddRange(page.GetProperty(items).EnumerateArray());
            next = page.TryGetProperty("next", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
        }
        while (next is not null);
        return all;
    }
}
