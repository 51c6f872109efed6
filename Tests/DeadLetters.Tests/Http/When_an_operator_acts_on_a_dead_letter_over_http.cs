using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests.Http;

public sealed class When_an_operator_acts_on_a_dead_letter_over_http : DeadLetterApiFixture
{
    [Test]
    public async Task Should_retry_it_once_audited_under_the_callers_name()
    {
        var messageId = Guid.NewGuid();
        var id = await PendingAsync(messageId, "retry me");

        var retried = await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, user: "alice").JsonAsync(HttpStatusCode.OK);
        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the replayed message is consumed");
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, user: "bob").ProblemAsync(HttpStatusCode.Conflict);

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        var actions = letter.GetProperty("actions").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(retried.GetProperty("status").GetString(), Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(letter.GetProperty("replayCount").GetInt32(), Is.EqualTo(1));
            Assert.That(actions.Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString())),
                Is.EqualTo(new[] { (DeadLetterAction.Retry, "alice") }));
            Assert.That(actions[0].GetProperty("detail").GetProperty("replayCount").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_send_a_corrected_message_that_passes_its_contract()
    {
        var messageId = Guid.NewGuid();
        var id = await PendingAsync(messageId, "bad text");

        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, new { message = new { id = messageId, text = "fixed text" } }, "carol")
            .JsonAsync(HttpStatusCode.OK);

        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the corrected message is consumed");
        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        var action = letter.GetProperty("actions").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(Switch.Consumed.Single(m => m.Id == messageId).Text, Is.EqualTo("fixed text"));
            Assert.That(action.GetProperty("action").GetString(), Is.EqualTo(DeadLetterAction.EditAndRetry));
            Assert.That(action.GetProperty("actor").GetString(), Is.EqualTo("carol"));
            Assert.That(action.GetProperty("detail").GetProperty("oldBodySha256").GetString(),
                Is.Not.EqualTo(action.GetProperty("detail").GetProperty("newBodySha256").GetString()));
        });
    }

    [Test]
    public async Task Should_refuse_a_corrected_message_that_breaks_its_contract_with_400_and_send_nothing()
    {
        var messageId = Guid.NewGuid();
        var id = await PendingAsync(messageId, "bad still");

        var problem = await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator,
            new { message = new { id = "not-a-uuid", colour = "red" } }).ProblemAsync(HttpStatusCode.BadRequest);
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, new { message = 42 }).ProblemAsync(HttpStatusCode.BadRequest);

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name),
                Is.EquivalentTo(new[] { "message.id", "message.colour", "message.text" }));
            Assert.That(letter.GetProperty("status").GetString(), Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(letter.GetProperty("actions").GetArrayLength(), Is.Zero);
            Assert.That(Switch.CountOf(messageId), Is.Zero);
        });
    }

    [Test]
    public async Task Should_archive_it_once_and_never_retry_it()
    {
        var id = await PendingAsync(Guid.NewGuid(), "put aside");

        var archived = await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/archive", PlatformRoles.Operator, user: "dave").JsonAsync(HttpStatusCode.OK);
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/archive", PlatformRoles.Operator).ProblemAsync(HttpStatusCode.Conflict);
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator).ProblemAsync(HttpStatusCode.Conflict);

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(archived.GetProperty("status").GetString(), Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That(letter.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString())),
                Is.EqualTo(new[] { (DeadLetterAction.Archive, "dave") }));
        });
    }

    [Test]
    public async Task Should_answer_409_when_the_broker_refuses_the_replay_and_leave_it_pending()
    {
        var messageId = Guid.NewGuid();
        await Store.AddAsync([Undeliverable(messageId, "nowhere to go", queue: $"{Prefix}gone-{Guid.NewGuid():N}")]);
        var listed = await Api.SendAsync(HttpMethod.Get, $"/dead-letters?messageType={SwitchedType}&limit=1000", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        var id = listed.GetProperty("deadLetters").EnumerateArray().Single(l => l.GetProperty("messageId").GetString() == messageId.ToString()).GetProperty("id").GetString();

        var problem = await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator).ProblemAsync(HttpStatusCode.Conflict);

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Detail(), Does.Contain("broker refused"));
            Assert.That(letter.GetProperty("status").GetString(), Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(letter.GetProperty("actions").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_let_one_of_two_concurrent_retries_through_and_answer_409_to_the_other()
    {
        var messageId = Guid.NewGuid();
        var id = await PendingAsync(messageId, "raced");

        var answers = await Task.WhenAll(
            Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, user: "erin"),
            Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Operator, user: "frank"));

        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the replayed message is consumed");
        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            Assert.That(letter.GetProperty("actions").GetArrayLength(), Is.EqualTo(1));
            Assert.That(letter.GetProperty("replayCount").GetInt32(), Is.EqualTo(1));
        });
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
