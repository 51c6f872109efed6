using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>The seed's test_event_propagation, between two services over the real broker.</summary>
public sealed class When_a_task_is_created
{
    private readonly ConsumedLog _log = new();
    private readonly ScratchQueues _queues = new();
    private ScratchDatabase _database = null!;
    private PlatformTestHost _producer = null!;
    private PlatformTestHost _subscriber = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        var prefix = _queues.Prefix;
        _producer = await MessagingTestHost.StartAsync(_database.ConnectionString, prefix, serviceName: "workflow-engine");
        _subscriber = await MessagingTestHost.StartAsync(_database.ConnectionString, prefix, bus => bus.AddConsumer<TaskCreatedSubscriber>(),
            serviceName: "agent-designer", configure: b => b.Services.AddSingleton(_log));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _producer.DisposeAsync();
        await _subscriber.DisposeAsync();
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_deliver_TaskCreated_to_a_subscriber_in_another_service()
    {
        var task = new AgentTask { Id = Guid.NewGuid(), AgentId = "test_agent", Description = "Test task" };

        await _producer.InScopeAsync(sp => sp.GetRequiredService<TaskRepository>().CreateAsync(task, (created, ct) =>
            sp.GetRequiredService<IPublishEndpoint>().Publish(new TaskCreated
            {
                TaskId = created.Id,
                AgentId = created.AgentId,
                Description = created.Description,
                Status = created.Status,
                Priority = created.Priority,
                Version = created.Version,
                OccurredAt = created.CreatedAt,
            }, ct)));

        await Eventually.Until(() => _log.CountOf(task.Id) == 1, "the subscriber received TaskCreated", TimeSpan.FromSeconds(10));
        Assert.That(_log.NamesOf(task.Id.ToString()), Is.EqualTo(new[] { "Test task" }));
    }
}
