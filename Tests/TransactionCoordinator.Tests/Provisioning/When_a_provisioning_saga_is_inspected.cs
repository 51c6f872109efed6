using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Identity;
using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Inspection;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// The saga's conversation in its detail: each message it consumed that moved it or made it send, with the commands,
/// events and timeouts it caused — what the outbox forgets once the broker has them (docs/sagas.md "Inspection").
/// </summary>
public sealed class When_a_provisioning_saga_is_inspected : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromMinutes(10);

    [Test]
    public async Task Should_list_each_consumed_message_in_order_with_the_messages_it_caused()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();
        var id = request.ProvisioningId;
        Guid[] consumed = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await SendAsync(request, consumed[0]);
        await Eventually.Until(async () => await StateAsync(id) == "CreatingAgent", "the saga waits for its agent");
        await SendAsync(Created(request), consumed[1], initiatorId: id);
        await Eventually.Until(async () => await StateAsync(id) == "ReservingCapacity", "the agent's event moves it");
        await SendAsync(new ModelCapacityReserved { ReservationId = id, Model = request.Model, OccurredAt = DateTimeOffset.UtcNow }, consumed[2]);
        await Eventually.Until(async () => await StateAsync(id) == "IssuingKey", "the reservation moves it");
        await SendAsync(new AgentApiKeyIssued
        {
            KeyId = id, AgentId = request.AgentId, Role = "operator", ExpiresAt = DateTimeOffset.UtcNow.AddDays(1), OccurredAt = DateTimeOffset.UtcNow,
        }, consumed[3]);
        await Eventually.Until(async () => await StateAsync(id) == "Activating", "the key moves it");
        await SendAsync(new AgentStatusChanged
        {
            AgentId = request.AgentId, PreviousStatus = AgentStatuses.Inactive, Status = AgentStatuses.Active, Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        }, consumed[4], initiatorId: id);
        await Eventually.Until(async () => await StateAsync(id) == "Final", "the activation ends it");
        await Eventually.Until(() => Commands.For(id).Contains("ReserveModelCapacity"), "its reservation reaches AI Model's queue");

        var detail = await DetailAsync(id, PageRequest.First());
        var paged = await AllPagesAsync(id, limit: 2);

        var conversation = detail.Conversation;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(conversation.Select(e => (TypeName(e.MessageType), e.MessageId)), Is.EqualTo(new[]
            {
                ("ProvisionAgent", (Guid?)consumed[0]), ("AgentCreated", consumed[1]), ("ModelCapacityReserved", consumed[2]),
                ("AgentApiKeyIssued", consumed[3]), ("AgentStatusChanged", consumed[4]),
            }));
            Assert.That(conversation.Select(e => string.Join(", ", e.Caused.Select(Caused))), Is.EqualTo(new[]
            {
                "CreateAgent sent, AgentProvisioningStepTimedOut scheduled",
                "ReserveModelCapacity sent, AgentProvisioningStepTimedOut scheduled",
                "IssueAgentApiKey sent, AgentProvisioningStepTimedOut scheduled",
                "ChangeAgentStatus sent, AgentProvisioningStepTimedOut scheduled",
                "AgentProvisioned published",
            }));
            Assert.That(conversation[0].Caused[0].MessageId, Is.EqualTo(Commands.MessageIdOf(id, "CreateAgent")), "the id Agent Designer's queue received");
            Assert.That(conversation[1].Caused[0].MessageId, Is.EqualTo(Commands.MessageIdOf(id, "ReserveModelCapacity")), "the id AI Model's queue received");
            Assert.That(conversation[0].Caused[0].DestinationAddress!.AbsolutePath, Does.EndWith("agent-designer"));
            Assert.That(conversation[0].Caused[1].ScheduledFor, Is.EqualTo(conversation[0].ReceivedAt + StepTimeout).Within(TimeSpan.FromSeconds(30)));
            Assert.That(conversation.Select(e => e.ReceivedAt), Is.Ordered);
            Assert.That(paged.Select(e => e.Sequence), Is.EqualTo(conversation.Select(e => e.Sequence)), "two at a time, the same conversation");
        }
    }

    [Test]
    public async Task Should_record_nothing_of_an_event_it_ignores()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();
        var id = request.ProvisioningId;
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(id) == "CreatingAgent", "the saga waits for its agent");

        // An answer to a step the saga has not taken yet: ignored, nothing moves and nothing is sent.
        var ignored = Guid.NewGuid();
        await SendAsync(new ModelCapacityReserved { ReservationId = id, Model = request.Model, OccurredAt = DateTimeOffset.UtcNow }, ignored);
        await Eventually.Until(async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{ignored}'") > 0,
            "the answer is consumed");

        var detail = await DetailAsync(id, PageRequest.First());
        Assert.That(detail.Conversation.Select(e => TypeName(e.MessageType)), Is.EqualTo(new[] { "ProvisionAgent" }));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM saga_conversation WHERE message_id = '{ignored}'"), Is.Zero);
    }

    private async Task<SagaDetailResponse> DetailAsync(Guid id, PageRequest page)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagaDetailReader>().ReadAsync(id, page, CancellationToken.None);
    }

    private async Task<List<ConversationEntry>> AllPagesAsync(Guid id, int limit)
    {
        var entries = new List<ConversationEntry>();
        for (var page = await DetailAsync(id, PageRequest.First(limit)); ; page = await DetailAsync(id, new PageRequest { Limit = limit, After = page.Next }))
        {
            Assert.That(page.Conversation, Has.Count.LessThanOrEqualTo(limit));
            entries.AddRange(page.Conversation);
            if (page.Next is null)
            {
                return entries;
            }
        }
    }

    /// <summary>urn:message:Namespace:Type → Type.</summary>
    private static string TypeName(string urn) => urn[(urn.LastIndexOf(':') + 1)..];

    private static string Caused(Infrastructure.Messaging.Sagas.SagaCausedMessage m) =>
        $"{TypeName(m.MessageType)} {(m.Published ? "published" : m.ScheduledFor is null ? "sent" : "scheduled")}";
}
