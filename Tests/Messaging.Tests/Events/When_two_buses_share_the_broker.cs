using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Events;

/// <summary>
/// Events go to one exchange per message type. Buses with different queue prefixes (two test runs, or a test and
/// run.sh's services on one broker) must not consume each other's events through it.
/// </summary>
[TestFixture]
public sealed class When_two_buses_share_the_broker
{
    [Test]
    public async Task Should_deliver_an_event_only_to_the_buses_of_its_publishers_prefix()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var ours = new ScratchQueues();
        await using var theirs = new ScratchQueues();
        await using var publisher = await MessagingTestHost.StartAsync(database.ConnectionString, ours.Prefix);
        await using var neighbour = await MessagingTestHost.StartAsync(database.ConnectionString, ours.Prefix, Recorder);
        await using var stranger = await MessagingTestHost.StartAsync(database.ConnectionString, theirs.Prefix, Recorder);

        var ping = new SharedBrokerPing(Guid.NewGuid());
        await publisher.Services.GetRequiredService<IBus>().Publish(ping);

        await Eventually.Until(() => Received(neighbour).Contains(ping.Id), "the event reached its own prefix's consumer");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Received(stranger), Does.Not.Contain(ping.Id), "another prefix's consumer got it");
            Assert.That(await ExchangesBoundToAsync(theirs.Prefix + "ping-recorder"), Has.All.StartWith(theirs.Prefix),
                "another prefix's queue is bound to an exchange it shares with other buses");
        }
    }

    private static void Recorder(IBusRegistrationConfigurator bus)
    {
        bus.AddSingleton<ReceivedPings>();
        bus.AddConsumer<PingRecorder>();
    }

    private static ConcurrentBag<Guid> Received(PlatformTestHost host) => host.Services.GetRequiredService<ReceivedPings>().Ids;

    private static async Task<IReadOnlyList<string>> ExchangesBoundToAsync(string queue)
    {
        var bindings = await ManagementApi.Client.GetFromJsonAsync<JsonElement>($"queues/{ManagementApi.VirtualHost}/{Uri.EscapeDataString(queue)}/bindings");
        return [.. bindings.EnumerateArray().Select(b => b.GetProperty("source").GetString()!).Where(source => source.Length > 0)];
    }

    public sealed record SharedBrokerPing(Guid Id);

    public sealed class ReceivedPings
    {
        public ConcurrentBag<Guid> Ids { get; } = [];
    }

    public sealed class PingRecorder(ReceivedPings received) : IConsumer<SharedBrokerPing>
    {
        public Task Consume(ConsumeContext<SharedBrokerPing> context)
        {
            received.Ids.Add(context.Message.Id);
            return Task.CompletedTask;
        }
    }
}
