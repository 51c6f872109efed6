using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentLightning.Testing;

/// <summary>
/// A queue prefix of one test's own on the shared broker; disposing deletes every queue and exchange named with
/// it. A bus with the prefix publishes its events to message-type exchanges named with it too, so no other run
/// (or run.sh's services on the same broker) consumes them. Dispose it after the hosts that use the prefix: a running bus would declare its queues again.
/// </summary>
public sealed class ScratchQueues : IAsyncDisposable
{
    public string Prefix { get; } = MessagingTestHost.NewQueuePrefix();

    public async ValueTask DisposeAsync() => await DeleteAsync(Prefix);

    /// <summary>Deletes the queues and exchanges whose names start with <paramref name="prefix"/>.</summary>
    public static async Task DeleteAsync(string prefix)
    {
        // An empty prefix would match everything on the shared broker.
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var (client, vhost) = (ManagementApi.Client, ManagementApi.VirtualHost);
        foreach (var kind in new[] { "queues", "exchanges" })
        {
            var names = (await client.GetFromJsonAsync<JsonElement>($"{kind}/{vhost}?columns=name")).EnumerateArray()
                .Select(e => e.GetProperty("name").GetString()!)
                .Where(name => name.StartsWith(prefix, StringComparison.Ordinal));
            foreach (var name in names)
            {
                using var response = await client.DeleteAsync($"{kind}/{vhost}/{Uri.EscapeDataString(name)}");
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    response.EnsureSuccessStatusCode();
                }
            }
        }
    }
}
