using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests.Http;

public sealed class When_dead_letters_are_read_over_http : DeadLetterApiFixture
{
    [Test]
    public async Task Should_answer_401_without_a_token_and_403_to_a_viewer_who_acts()
    {
        var id = await PendingAsync(Guid.NewGuid(), "guarded");

        await Api.SendAsync(HttpMethod.Get, "/dead-letters", role: null).ProblemAsync(HttpStatusCode.Unauthorized);
        await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", role: null).ProblemAsync(HttpStatusCode.Unauthorized);
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/retry", PlatformRoles.Viewer).ProblemAsync(HttpStatusCode.Forbidden);
        await Api.SendAsync(HttpMethod.Post, $"/dead-letters/{id}/archive", PlatformRoles.Viewer).ProblemAsync(HttpStatusCode.Forbidden);

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(letter.GetProperty("status").GetString(), Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(letter.GetProperty("actions").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_page_the_filtered_letters_newest_failure_first_each_once()
    {
        var queue = $"{Prefix}listed-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await Store.AddAsync([.. ids.Select((id, i) => Undeliverable(id, $"listed {i}", at.AddSeconds(i), queue))]);

        var seen = new List<string>();
        string? next = null;
        do
        {
            var path = $"/dead-letters?queue={queue}&status=pending&reason=undeliverable&service={ServiceName}&messageType={SwitchedType}&limit=2"
                + (next is null ? "" : $"&after={next}");
            var page = await Api.SendAsync(HttpMethod.Get, path, PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
            var items = page.GetProperty("deadLetters").EnumerateArray().ToList();
            Assert.That(page.GetProperty("count").GetInt32(), Is.EqualTo(items.Count));
            seen.AddRange(items.Select(i => i.GetProperty("messageId").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        var archived = await Api.SendAsync(HttpMethod.Get, $"/dead-letters?queue={queue}&status=archived", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(ids.AsEnumerable().Reverse().Select(i => i.ToString())), "newest failure first, each once");
            Assert.That(archived.GetProperty("count").GetInt32(), Is.Zero);
        });
    }

    [TestCase("status=lost")]
    [TestCase("reason=bored")]
    [TestCase("limit=0")]
    [TestCase("after=garbage")]
    public async Task Should_answer_400_to_a_filter_or_page_that_does_not_exist(string query)
    {
        var problem = await Api.SendAsync(HttpMethod.Get, $"/dead-letters?{query}", PlatformRoles.Viewer).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.Detail(), Does.Contain(query.Split('=')[0]).IgnoreCase);
    }

    [Test]
    public async Task Should_show_the_message_why_it_failed_and_where_it_goes_back_to()
    {
        var messageId = Guid.NewGuid();
        var id = await PendingAsync(messageId, "look at me");

        var letter = await Api.SendAsync(HttpMethod.Get, $"/dead-letters/{id}", PlatformRoles.Viewer).JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(letter.GetProperty("messageId").GetString(), Is.EqualTo(messageId.ToString()));
            Assert.That(JsonDocument.Parse(letter.GetProperty("body").GetString()!).RootElement.GetProperty("message").GetProperty("text").GetString(),
                Is.EqualTo("look at me"));
            Assert.That(letter.GetProperty("properties").GetProperty("messageId").GetString(), Is.EqualTo(messageId.ToString()));
            Assert.That(letter.GetProperty("headers").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(letter.GetProperty("exceptionMessage").GetString(), Is.EqualTo("The broker refused the message."));
            Assert.That(letter.GetProperty("reason").GetString(), Is.EqualTo(DeadLetterReason.Undeliverable));
            Assert.That(letter.GetProperty("sourceQueue").GetString(), Is.EqualTo(SwitchedQueue));
        });
    }

    [TestCase("GET", "")]
    [TestCase("POST", "/retry")]
    [TestCase("POST", "/archive")]
    public async Task Should_answer_404_for_a_letter_that_does_not_exist(string method, string action)
    {
        await Api.SendAsync(new HttpMethod(method), $"/dead-letters/{Guid.NewGuid()}{action}", PlatformRoles.Operator).ProblemAsync(HttpStatusCode.NotFound);
    }
}
