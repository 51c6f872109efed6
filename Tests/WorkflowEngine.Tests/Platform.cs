using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

using AgentLightning.WorkflowEngine.Tests.Support;

namespace AgentLightning.WorkflowEngine.Tests;

/// <summary>
/// One Workflow Engine (in process, on the real servers, its own scratch database and queue prefix) and one
/// peer service for every spec: the peer creates agents through the shared repository as Agent Designer would,
/// plays AI Model's queue, sends commands and records events. Specs use ids of their own.
/// </summary>
[SetUpFixture]
public sealed class Platform
{
    private static ScratchDatabase? _database;
    private static ScratchQueues? _queues;
    private static ServiceFactory? _service;
    private static PlatformTestHost? _peer;

    public static ScratchDatabase Database => _database!;

    public static string QueuePrefix => _queues!.Prefix;

    public static HttpClient Client { get; private set; } = null!;

    public static PlatformTestHost Peer => _peer!;

    public static Recorded Received { get; } = new();

    /// <summary>
    /// Short windows, so refusals and give-ups show in seconds: a missing target is rejected after a second, an
    /// unroutable message becomes a dead letter after 3 sends.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>(Tokens.ServiceSettings)
    {
        ["ConnectionStrings:Postgres"] = Database.ConnectionString,
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["ConnectionStrings:RabbitMq"] = TestServers.RabbitMq,
        ["Messaging:QueuePrefix"] = QueuePrefix,
        ["Messaging:WaitUntilStarted"] = "true",
        ["Messaging:Retry:Immediate"] = "1",
        ["Messaging:Retry:Exponential"] = "1",
        ["Messaging:Retry:MinInterval"] = "00:00:00.050",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
        ["Messaging:Commands:TargetMissingWindow"] = "00:00:01",
        ["Messaging:Commands:FirstRedeliveryInterval"] = "00:00:00.200",
        ["Messaging:Commands:MaxRedeliveryInterval"] = "00:00:00.500",
        ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
        ["Messaging:Outbox:RetryDelay"] = "00:00:00.200",
        ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.500",
        ["Messaging:Outbox:MaxDeliveryAttempts"] = "3",
        ["Messaging:Outbox:SendTimeout"] = "00:00:05",
        ["Cache:SchemaVersion"] = "m" + QueuePrefix.Replace("-", "", StringComparison.Ordinal),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _queues = new ScratchQueues();
        _peer = await MessagingTestHost.StartAsync(Database.ConnectionString, QueuePrefix, bus =>
        {
            bus.AddConsumer<EventRecorder>();
            bus.AddConsumer<FakeAiModel, FakeAiModelDefinition>();
        }, serviceName: "ai-model", configure: b => b.Services.AddSingleton(Received));
        _service = new ServiceFactory(ServiceSettings);
        Client = _service.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        Client?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        if (_queues is not null)
        {
            await _queues.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>An agent made through the shared repository by another service, as Agent Designer makes it.</summary>
    public static async Task<string> AgentAsync(string status = AgentStatuses.Active, string model = "test-model", string? id = null)
    {
        id ??= NewAgentId();
        await Peer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(
            new Agent { Id = id, Name = "Test Agent", Model = model, Status = status }));
        return id;
    }

    public static string NewAgentId() => "agent-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A command to Workflow Engine's queue, straight to the broker, under a MessageId the test chose.</summary>
    public static async Task<Guid> SendAsync<T>(T command) where T : class
    {
        var id = NewId.NextGuid();
        var endpoint = await Peer.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{QueuePrefix}workflow-engine"));
        await endpoint.Send(command, c => c.MessageId = id);
        return id;
    }

    public static Task<T> InServiceAsync<T>(Func<IServiceProvider, Task<T>> work) => _service!.InScopeAsync(work);

    private sealed class ServiceFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
