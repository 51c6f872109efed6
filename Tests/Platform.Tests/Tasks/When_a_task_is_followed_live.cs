using System.Net;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Tasks;

/// <summary>A browser's view of a task: the WebSocket service relays its events from the bus as they happen.</summary>
[TestFixture]
public sealed class When_a_task_is_followed_live
{
    [Test]
    public async Task Should_send_a_task_star_subscriber_its_creation_start_and_completion_in_order()
    {
        var platform = SharedPlatform.Platform;
        var operatorToken = await SharedPlatform.Accounts.TokenAsync("operator");
        var agentId = (await Catalog.CreateAgentAsync(platform, operatorToken, await Catalog.CreateModelAsync(platform, operatorToken)))
            .GetProperty("id").GetString()!;
        var socket = new Uri(platform.WebSocket.Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws");
        await using var browser = await LiveClient.SubscribedAsync(socket, await SharedPlatform.Accounts.TokenAsync("viewer"), "task:*");

        using var created = await platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, "/tasks", operatorToken,
            new { agentId, description = "watch me", priority = 5 });
        var taskId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var channels = new List<string>();
        while (channels.LastOrDefault() is not ("task:completed" or "task:failed"))
        {
            channels.Add((await browser.NextEventOfAsync(taskId)).GetProperty("channel").GetString()!);
        }

        Assert.That(channels.Where(c => c is "task:created" or "task:started" or "task:completed"),
            Is.EqualTo(new[] { "task:created", "task:started", "task:completed" }), string.Join(", ", channels));
    }
}
