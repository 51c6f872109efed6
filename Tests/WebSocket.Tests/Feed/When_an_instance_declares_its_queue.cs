using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Consumers;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.WebSocket.Tests.Feed;

/// <summary>A live feed keeps nothing: its queue goes with its instance and leaves no dead-letter queues behind.</summary>
[TestFixture]
public sealed class When_an_instance_declares_its_queue
{
    [Test]
    public async Task Should_be_a_classic_non_durable_exclusive_queue_of_its_own()
    {
        await using var other = await SharedFeed.StartInstanceAsync();
        var (name, otherName) = (SharedFeed.Feed.Services.GetRequiredService<LiveQueue>().Name, other.Services.GetRequiredService<LiveQueue>().Name);

        var queue = await ManagementApi.Client.GetFromJsonAsync<JsonElement>($"queues/{ManagementApi.VirtualHost}/{Uri.EscapeDataString(name)}");
        var queues = (await ManagementApi.Client.GetFromJsonAsync<JsonElement>($"queues/{ManagementApi.VirtualHost}?columns=name")).EnumerateArray()
            .Select(q => q.GetProperty("name").GetString()!).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(name, Is.Not.EqualTo(otherName), "each instance has a queue of its own");
            Assert.That(queue.GetProperty("durable").GetBoolean(), Is.False);
            Assert.That(queue.GetProperty("exclusive").GetBoolean(), Is.True, "deleted by the broker with the instance's connection");
            Assert.That(queue.GetProperty("type").GetString(), Is.EqualTo("classic"));
            Assert.That(queues.Where(q => q.StartsWith(name, StringComparison.Ordinal)), Is.EqualTo(new[] { name }), "no _error or _skipped queue");
        }
    }
}
