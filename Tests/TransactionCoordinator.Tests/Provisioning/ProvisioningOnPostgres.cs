using System.Collections.Concurrent;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Inspection;
using AgentLightning.TransactionCoordinator.Provisioning;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// The AgentProvisioning saga registered as the coordinator registers it (PostgreSQL repository and scheduler), on a
/// scratch database and the real broker under a prefix of the fixture's own; the owners' command queues are played by
/// recorders of the commands that reach them. Messages go to the coordinator's exchange, never published. The saga
/// inspection reads what the saga recorded.
/// </summary>
public abstract class ProvisioningOnPostgres
{
    private readonly ScratchQueues _queues = new();

    protected ScratchDatabase Database { get; private set; } = null!;

    protected PlatformTestHost Host { get; private set; } = null!;

    protected SentCommands Commands { get; } = new();

    protected abstract TimeSpan StepTimeout { get; }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Database = await ScratchDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Scheduler:PollInterval"] = "00:00:00.200",
            ["Provisioning:StepTimeout"] = StepTimeout.ToString(),
        };
        Host = await MessagingTestHost.StartAsync(Database.ConnectionString, _queues.Prefix, bus =>
        {
            bus.AddAgentProvisioning();
            AddAgentDesigner(bus);
            bus.AddConsumer<CommandRecorder<DeleteAgent>, RecorderDefinition<DeleteAgent>>();
            bus.AddConsumer<CommandRecorder<ReserveModelCapacity>, RecorderDefinition<ReserveModelCapacity>>();
        }, "transaction-coordinator", settings, builder => builder.Services.AddSingleton(Commands).AddSagaInspection());
    }

    /// <summary>Plays Agent Designer's CreateAgent queue: records the command and, unless overridden, answers nothing.</summary>
    protected virtual void AddAgentDesigner(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<CommandRecorder<CreateAgent>, RecorderDefinition<CreateAgent>>();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Host.DisposeAsync();
        await _queues.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// To the coordinator's queue; <paramref name="schedulingToken"/> marks it as a schedule's (MT-Scheduling-TokenId),
    /// <paramref name="initiatorId"/> as published while its owner consumed a command of that CorrelationId.
    /// </summary>
    protected async Task SendAsync<T>(T message, Guid? messageId = null, string? schedulingToken = null, Guid? initiatorId = null)
        where T : class
    {
        var queue = CommandRouting.QueueOf(typeof(ProvisionAgent), _queues.Prefix);
        var endpoint = await Host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(message, context =>
        {
            context.MessageId = messageId ?? context.MessageId;
            context.InitiatorId = initiatorId;
            if (schedulingToken is not null)
            {
                context.Headers.Set(MessageHeaders.SchedulingTokenId, schedulingToken);
            }
        });
    }

    /// <summary>Agent Designer's answer to the saga's CreateAgent (sent with the saga's id as its InitiatorId).</summary>
    protected static AgentCreated Created(ProvisionAgent request) => new()
    {
        AgentId = request.AgentId, Name = request.Name, Model = request.Model, Status = AgentStatuses.Inactive, Version = 1, OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>"State" of the saga, or "" when there is no row.</summary>
    protected Task<string> StateAsync(Guid id) =>
        Database.ScalarAsync<string>($"SELECT coalesce((SELECT current_state FROM agent_provisioning_sagas WHERE correlation_id = '{id}'), '')");

    protected Task<string> ColumnAsync(Guid id, string column) =>
        Database.ScalarAsync<string>($"SELECT coalesce((SELECT {column}::text FROM agent_provisioning_sagas WHERE correlation_id = '{id}'), '')");

    /// <summary>Every command the recorders received: its type name, its envelope's CorrelationId and its MessageId.</summary>
    public sealed class SentCommands
    {
        private readonly ConcurrentQueue<(string Command, Guid? CorrelationId, Guid? MessageId)> _received = new();

        public void Add(string command, Guid? correlationId, Guid? messageId) => _received.Enqueue((command, correlationId, messageId));

        public IReadOnlyList<string> For(Guid correlationId) => [.. _received.Where(c => c.CorrelationId == correlationId).Select(c => c.Command)];

        public Guid? MessageIdOf(Guid correlationId, string command) =>
            _received.FirstOrDefault(c => c.CorrelationId == correlationId && c.Command == command).MessageId;
    }

    public sealed class CommandRecorder<T>(SentCommands commands) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            commands.Add(typeof(T).Name, context.CorrelationId, context.MessageId);
            return Task.CompletedTask;
        }
    }

    /// <summary>On the command's owner queue, as the owner's consumer would be.</summary>
    public sealed class RecorderDefinition<T>(IOptions<MessagingOptions> options) : CommandConsumerDefinition<CommandRecorder<T>, T>(options)
        where T : class;
}
