using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Testing;

namespace AgentLightning.Messaging.Tests;

/// <summary>
/// The broker's management API (127.0.0.1:15672), with the credentials and vhost of the AMQP connection string:
/// to look into a queue without consuming from it, and to delete what a fixture declared.
/// </summary>
internal static class RabbitMqManagement
{
    private static readonly Lazy<(HttpClient Client, string VirtualHost)> Api = new(Create);

    /// <summary>
    /// Up to <paramref name="count"/> messages of a queue, requeued at once; none if the queue does not exist or
    /// cannot answer yet (a quorum queue declared a moment ago may have no leader: the broker answers 5xx).
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> PeekAsync(string queue, int count = 50)
    {
        var (client, vhost) = Api.Value;
        var request = new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50_000 };
        using var response = await client.PostAsJsonAsync($"queues/{vhost}/{Uri.EscapeDataString(queue)}/get", request);
        if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    /// <summary>Declares an exchange as another client would have, e.g. of a type MassTransit does not expect.</summary>
    public static async Task DeclareExchangeAsync(string name, string type)
    {
        var (client, vhost) = Api.Value;
        using var response = await client.PutAsJsonAsync($"exchanges/{vhost}/{Uri.EscapeDataString(name)}", new { type, durable = true });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes the queues and exchanges whose names start with <paramref name="prefix"/>.</summary>
    public static Task DeleteAllAsync(string prefix) => ScratchQueues.DeleteAsync(prefix);

    private static (HttpClient, string) Create() => (ManagementApi.Client, ManagementApi.VirtualHost);
}
