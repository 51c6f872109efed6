using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Identity;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.TransactionCoordinator.Provisioning;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// The AgentProvisioning machine in MassTransit's test harness (in-memory repository and transport): the spec plays
/// every other service, answering the commands the saga sends with the events their owners would publish.
/// </summary>
internal sealed class ProvisioningHarness : IAsyncDisposable
{
    /// <summary>The commands a provisioning sends, in the order of its steps and then of its compensations.</summary>
    private static readonly HashSet<Type> Commands =
    [
        typeof(CreateAgent), typeof(ReserveModelCapacity), typeof(RegisterIntegration), typeof(IssueAgentApiKey), typeof(ChangeAgentStatus),
        typeof(RevokeAgentApiKey), typeof(RemoveIntegration), typeof(ReleaseModelCapacity), typeof(DeleteAgent),
    ];

    private readonly ServiceProvider _provider;

    private ProvisioningHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<AgentProvisioningStateMachine, AgentProvisioningState>();
    }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<AgentProvisioningStateMachine, AgentProvisioningState> Saga { get; }

    public AgentProvisioningStateMachine Machine => Saga.StateMachine;

    public static async Task<ProvisioningHarness> StartAsync(TimeSpan? stepTimeout = null, params string[] existingAgents)
    {
        var provider = new ServiceCollection()
            .AddSingleton<IAgentDirectory>(new KnownAgents(existingAgents))
            .AddScoped<ICommandSender, HarnessCommandSender>()
            .Configure<ProvisioningOptions>(o => o.StepTimeout = stepTimeout ?? TimeSpan.FromMinutes(10))
            .Configure<MessagingOptions>(o => o.QueuePrefix = "")
            .AddMassTransitTestHarness(x =>
            {
                x.AddDelayedMessageScheduler();
                // Without .PostgresRepository(): the harness's in-memory repository (docs/sagas.md "Tests of machines").
                x.AddSagaStateMachine<AgentProvisioningStateMachine, AgentProvisioningState>();
                x.UsingInMemory((context, bus) =>
                {
                    bus.UseDelayedMessageScheduler();
                    bus.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = new ProvisioningHarness(provider);
        await harness.Harness.Start();
        return harness;
    }

    public static ProvisionAgent Request(Guid id, bool webhook = false, DateTimeOffset? keyExpiresAt = null) => new()
    {
        ProvisioningId = id,
        AgentId = $"agent-{id:N}"[..20],
        Name = "Provisioned",
        Model = "gpt-test",
        Capabilities = ["search"],
        Webhook = webhook ? new ProvisioningWebhook { Target = new Uri("http://127.0.0.1:9/hook"), Channels = ["agent:*"] } : null,
        KeyExpiresAt = keyExpiresAt,
    };

    /// <summary>Published; <paramref name="initiatorId"/> as when its publisher consumed a command of that CorrelationId.</summary>
    public Task SendAsync<T>(T message, Guid? initiatorId = null)
        where T : class => Harness.Bus.Publish(message, c => c.InitiatorId = initiatorId);

    /// <summary>Waits until the saga is in <paramref name="state"/>; fails the spec if it never gets there.</summary>
    public async Task<AgentProvisioningState> InStateAsync(Guid id, Func<AgentProvisioningStateMachine, State> state)
    {
        var found = await Saga.Exists(id, state, TimeSpan.FromSeconds(10));
        Assert.That(found, Is.EqualTo(id), $"saga {id} did not reach {state(Machine).Name}");
        return Saga.Sagas.Contains(id)!;
    }

    /// <summary>The names of the provisioning's commands sent so far, in order; every one carries the saga's id.</summary>
    public IReadOnlyList<string> CommandsOf(Guid id) =>
        [.. Harness.Sent.Select(m => Commands.Contains(m.MessageType) && m.Context.CorrelationId == id).Select(m => m.MessageType.Name)];

    public Task<bool> PublishedAsync<T>(Func<T, bool> match)
        where T : class => Harness.Published.Any<T>(m => match(m.Context.Message));

    // What the other services answer; the agent's events while consuming the saga's command, which carries its id.
    public Task AgentCreatedAsync(ProvisionAgent r) => SendAsync(new AgentCreated
    {
        AgentId = r.AgentId, Name = r.Name, Model = r.Model, Status = AgentStatuses.Inactive, Version = 1, OccurredAt = DateTimeOffset.UtcNow,
    }, r.ProvisioningId);

    public Task CapacityReservedAsync(ProvisionAgent r) =>
        SendAsync(new ModelCapacityReserved { ReservationId = r.ProvisioningId, Model = r.Model, OccurredAt = DateTimeOffset.UtcNow });

    public Task WebhookRegisteredAsync(ProvisionAgent r) => SendAsync(new IntegrationRegistered
    {
        IntegrationId = r.ProvisioningId, Name = "hook", Kind = IntegrationKinds.Webhook, Version = 1, OccurredAt = DateTimeOffset.UtcNow,
    });

    public Task KeyIssuedAsync(ProvisionAgent r) => SendAsync(new AgentApiKeyIssued
    {
        KeyId = r.ProvisioningId, AgentId = r.AgentId, Role = UserRoles.Operator, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1), OccurredAt = DateTimeOffset.UtcNow,
    });

    public Task StatusChangedAsync(ProvisionAgent r, string status) => SendAsync(new AgentStatusChanged
    {
        AgentId = r.AgentId, PreviousStatus = AgentStatuses.Inactive, Status = status, Version = 2, OccurredAt = DateTimeOffset.UtcNow,
    }, r.ProvisioningId);

    public Task RejectedAsync(ProvisionAgent r, string command) => SendAsync(new CommandRejected
    {
        CommandType = command, MessageId = Guid.NewGuid(), CorrelationId = r.ProvisioningId, TargetType = "t", TargetId = "x",
        Reason = CommandRejections.Conflict, Detail = "refused by the spec", RejectedBy = "spec", OccurredAt = DateTimeOffset.UtcNow,
    });

    private sealed class KnownAgents(IReadOnlyCollection<string> ids) : IAgentDirectory
    {
        public Task<bool> ExistsAsync(string agentId, CancellationToken cancellationToken) => Task.FromResult(ids.Contains(agentId));
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
