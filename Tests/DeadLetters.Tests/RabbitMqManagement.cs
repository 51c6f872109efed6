using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// The broker's management API (port 15672) with the credentials of the test connection string: queue depths
/// as the broker sees them, and clean-up of a fixture's queues and exchanges.
/// </summary>
public sealed class RabbitMqManagement
{
    private readonly HttpClient _http = ManagementApi.Client;
    private readonly string _vhost = ManagementApi.VirtualHost;

    /// <summary>The queue, or null when it does not exist. Depths come from the broker's statistics, refreshed every few seconds.</summary>
    public async Task<QueueInfo?> QueueAsync(string name)
    {
        using var response = await _http.GetAsync(new Uri($"queues/{_vhost}/{Uri.EscapeDataString(name)}", UriKind.Relative));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<QueueInfo>();
    }

    /// <summary>Deletes the queues and exchanges whose names start with <paramref name="prefix"/> or contain <paramref name="typeNamespace"/>.</summary>
    public async Task DeleteAsync(string prefix, string typeNamespace)
    {
        foreach (var kind in new[] { "queues", "exchanges" })
        {
            var entities = await _http.GetFromJsonAsync<List<Named>>(new Uri($"{kind}/{_vhost}?columns=name", UriKind.Relative)) ?? [];
            foreach (var entity in entities.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal) || e.Name.Contains(typeNamespace, StringComparison.Ordinal)))
            {
                using var deleted = await _http.DeleteAsync(new Uri($"{kind}/{_vhost}/{Uri.EscapeDataString(entity.Name)}", UriKind.Relative));
            }
        }
    }

    public sealed record QueueInfo(
        string Name,
        string Type,
        bool Durable,
        Dictionary<string, JsonElement> Arguments,
        [property: JsonPropertyName("messages")] int Messages,
        [property: JsonPropertyName("messages_ready")] int Ready,
        [property: JsonPropertyName("messages_unacknowledged")] int Unacknowledged);

    private sealed record Named(string Name);
}
