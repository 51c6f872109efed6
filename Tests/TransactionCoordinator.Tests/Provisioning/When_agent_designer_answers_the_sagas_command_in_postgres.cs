using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// What the saga relies on to find the agent's events: a consumer that publishes while consuming the saga's command
/// gives the event the command's CorrelationId as its InitiatorId, through the consumer outbox and its delivery.
/// </summary>
public sealed class When_agent_designer_answers_the_sagas_command_in_postgres : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromMinutes(10);

    protected override void AddAgentDesigner(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<CreatingAgents, CreatingAgentsDefinition>();

    [Test]
    public async Task Should_move_the_saga_with_the_event_published_while_consuming_its_command()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();

        await SendAsync(request);

        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "the published AgentCreated moves the saga");
        await Eventually.Until(() => Commands.For(request.ProvisioningId).Contains("ReserveModelCapacity"), "the next step's command reaches AI Model's queue");
        Assert.That(Commands.For(request.ProvisioningId), Is.EqualTo(new[] { "CreateAgent", "ReserveModelCapacity" }));
    }

    /// <summary>Agent Designer's consumer in miniature: records the command and publishes the agent's creation.</summary>
    public sealed class CreatingAgents(SentCommands commands) : IConsumer<CreateAgent>
    {
        public Task Consume(ConsumeContext<CreateAgent> context)
        {
            commands.Add(nameof(CreateAgent), context.CorrelationId, context.MessageId);
            return context.Publish(new AgentCreated
            {
                AgentId = context.Message.AgentId, Name = context.Message.Name, Model = context.Message.Model, Status = AgentStatuses.Inactive,
                Version = 1, OccurredAt = DateTimeOffset.UtcNow,
            });
        }
    }

    public sealed class CreatingAgentsDefinition(IOptions<MessagingOptions> options)
        : CommandConsumerDefinition<CreatingAgents, CreateAgent>(options);
}
