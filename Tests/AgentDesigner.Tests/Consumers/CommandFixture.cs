using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// The service's own consumer registration in a host on the real servers, and another service that sends it
/// commands and records its events. Each fixture has its own database and queues.
/// </summary>
public abstract class CommandFixture
{
    private readonly ScratchQueues _queues = new();

    protected RecordedEvents Events { get; } = new();

    protected ReceiveCounter Deliveries { get; } = new();

    protected CapturedLogs Logs { get; } = new();

    protected CommandCopies Copies { get; } = new();

    protected AfterCommandHook Hook { get; } = new();

    /// <summary>A missing target is rejected after about a second, not a minute.</summary>
    protected static IDictionary<string, string?> ShortRedeliveryWindow => new Dictionary<string, string?>
    {
        ["Messaging:Commands:TargetMissingWindow"] = "00:00:01",
        ["Messaging:Commands:FirstRedeliveryInterval"] = "00:00:00.200",
        ["Messaging:Commands:MaxRedeliveryInterval"] = "00:00:00.500",
    };

    /// <summary>The service's configuration beyond the test host's defaults (e.g. a short redelivery window).</summary>
    protected virtual IDictionary<string, string?> DesignerSettings { get; } = new Dictionary<string, string?>();

    protected ScratchDatabase Database { get; private set; } = null!;

    protected string QueuePrefix => _queues.Prefix;

    protected PlatformTestHost Designer { get; private set; } = null!;

    protected PlatformTestHost Sender { get; private set; } = null!;

    /// <summary>
    /// The exchange in front of the service's command queue. Not "queue:": a send to that address declares the
    /// queue as a classic one, which the broker refuses for the quorum queue that is there (PRECONDITION_FAILED).
    /// </summary>
    protected Uri DesignerCommands => new($"exchange:{QueuePrefix}agent-designer");

    [OneTimeSetUp]
    public async Task StartHosts()
    {
        Database = await ScratchDatabase.CreateAsync();
        Designer = await MessagingTestHost.StartAsync(Database.ConnectionString, QueuePrefix, bus =>
        {
            bus.AddAgentDesignerConsumers();
            bus.AddReceiveObserver(_ => Deliveries);
            bus.AddReceiveObserver(_ => Copies);
        }, serviceName: "agent-designer", settings: DesignerSettings, configure: b =>
        {
            b.Services.AddAgentDesignerCommands();
            b.Services.AddSingleton<IInterceptor>(Hook);
            b.Logging.AddProvider(Logs);
            // Below the host's Warning for the captured logs only: what EF Core says about a failed save.
            b.Logging.AddFilter<CapturedLogs>("Microsoft.EntityFrameworkCore.Update", LogLevel.Debug);
        });
        Sender = await MessagingTestHost.StartAsync(Database.ConnectionString, QueuePrefix, bus => bus.AddConsumer<EventRecorder>(),
            serviceName: "workflow-engine", configure: b => b.Services.AddSingleton(Events));
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        await Sender.DisposeAsync();
        await Designer.DisposeAsync();
        await _queues.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected static CreateAgent CreateAgent(string id, string name = "Test Agent") =>
        new() { AgentId = id, Name = name, Model = "test-model", Capabilities = ["search"] };

    /// <summary>Straight to the broker (not through an outbox), so a test can choose the MessageId.</summary>
    protected async Task<Guid> SendAsync<T>(T command, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        var endpoint = await Sender.Services.GetRequiredService<IBus>().GetSendEndpoint(DesignerCommands);
        await endpoint.Send(command, c => c.MessageId = id);
        return id;
    }

    protected Task UntilEventAsync(string type, string id, long version) =>
        Eventually.Until(() => Events.VersionsOf(type, id).Contains(version), $"{type} v{version} of {id} is received", TimeSpan.FromSeconds(15));

    protected Task<Agent?> GetAgentAsync(string id) =>
        Designer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));

    protected Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql);

    /// <summary>The CommandRejected the sender received for the command first sent as <paramref name="commandId"/>.</summary>
    protected async Task<CommandRejected> UntilRejectedAsync(Guid commandId)
    {
        await Eventually.Until(() => Events.RejectionsOf(commandId).Count > 0, $"command {commandId} is rejected", TimeSpan.FromSeconds(20));
        return Events.RejectionsOf(commandId)[0];
    }

    /// <summary>As another writer, outside the service: synchronously, so it can run inside the service's own callbacks.</summary>
    protected int Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>Every message a commit staged has reached the broker.</summary>
    protected Task UntilOutboxIsEmptyAsync() =>
        Eventually.Until(async () => await CountAsync("SELECT count(*) FROM outbox_messages") == 0, "the outbox is empty");
}
