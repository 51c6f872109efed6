using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Events;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Events;

/// <summary>One generic consumer, closed over every event contract: a feed needs no list of events to keep up to date.</summary>
[TestFixture]
public sealed class When_every_event_is_fed
{
    [Test]
    public async Task Should_consume_each_event_contract_with_the_one_generic_consumer()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<FedEvents>()
            .AddMassTransitTestHarness(x => x.AddEventConsumers(typeof(FeedRecorder<>)))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new TaskCreated
        {
            TaskId = Guid.NewGuid(), AgentId = "a", Description = "d", Status = "pending", Priority = 1, Version = 1, OccurredAt = DateTimeOffset.UtcNow,
        });
        await harness.Bus.Publish(new AgentDeleted { AgentId = "a", Version = 4, OccurredAt = DateTimeOffset.UtcNow });
        await harness.Bus.Publish(new CreateAgent { AgentId = "b", Name = "b", Model = "m" });

        Assert.That(await harness.Consumed.Any<AgentDeleted>(), Is.True);
        Assert.That(await harness.Consumed.Any<TaskCreated>(), Is.True);
        // Only once the bus is idle can "the command was not consumed" mean "nothing consumes commands", not "not yet".
        await harness.InactivityTask;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.GetRequiredService<FedEvents>().Channels, Is.EquivalentTo(new[] { "task:created", "agent:deleted" }));
            Assert.That(harness.Consumed.Select<CreateAgent>().Any(), Is.False, "commands are not part of the feed");
        }
    }

    [Test]
    public void Should_refuse_a_closed_consumer_type() =>
        Assert.That(
            () => new ServiceCollection().AddMassTransitTestHarness(x => x.AddEventConsumers(typeof(FeedRecorder<TaskCreated>))),
            Throws.ArgumentException);

    public sealed class FedEvents
    {
        private readonly List<string> _channels = [];

        public IReadOnlyList<string> Channels
        {
            get
            {
                lock (_channels)
                {
                    return [.. _channels];
                }
            }
        }

        public void Add(string channel)
        {
            lock (_channels)
            {
                _channels.Add(channel);
            }
        }
    }

    public sealed class FeedRecorder<T>(FedEvents fed) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            fed.Add(PlatformEvent.From(context).Channel);
            return Task.CompletedTask;
        }
    }
}
