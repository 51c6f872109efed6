using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.System;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// A duplicate the inbox cannot recognise (a new MessageId: a re-send after the inbox window, a replayed letter
/// whose original did commit) carries the version it was issued against, so it cannot overwrite newer state.
/// </summary>
public sealed class When_a_duplicate_update_arrives_after_a_newer_one : CommandFixture
{
    [Test]
    public async Task Should_reject_it_visibly_instead_of_overwriting_the_newer_update()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        var first = new UpdateAgent { AgentId = id, Name = "First", Model = "m", ExpectedVersion = 1 };
        await SendAsync(first);
        await UntilEventAsync("AgentUpdated", id, 2);
        await SendAsync(new UpdateAgent { AgentId = id, Name = "Newer", Model = "m", ExpectedVersion = 2 });
        await UntilEventAsync("AgentUpdated", id, 3);

        var duplicate = await SendAsync(first, messageId: Guid.NewGuid());

        var rejected = await UntilRejectedAsync(duplicate);
        await UntilOutboxIsEmptyAsync();
        var agent = await GetAgentAsync(id);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((rejected.Reason, rejected.Detail), Is.EqualTo((CommandRejections.Conflict, "expected version 1, found 3")));
            Assert.That((agent?.Name, agent?.Version), Is.EqualTo(("Newer", 3L)));
            Assert.That(Events.VersionsOf("AgentUpdated", id), Is.EqualTo(new long[] { 2, 3 }));
            Assert.That(await CountAsync($"SELECT count(*) FROM dead_letters WHERE message_id = '{duplicate}' AND reason = 'rejected'"), Is.EqualTo(1));
        });
    }
}
