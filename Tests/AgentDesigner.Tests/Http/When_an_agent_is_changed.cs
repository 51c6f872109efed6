using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_an_agent_is_changed
{
    private const string Operator = PlatformRoles.Operator;

    private static HttpClient Client => SharedService.Client;

    private static RecordedEvents Events => SharedService.Platform.Events;

    [Test]
    public async Task Should_replace_its_definition_and_publish_AgentUpdated()
    {
        var id = await CreateAsync();

        using var response = await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator,
            new { name = "Renamed", model = "model-2", config = new { depth = 3 } }, ifMatch: "\"1\"");
        var agent = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(response.ETag(), Is.EqualTo("\"2\""));
            Assert.That(agent.GetProperty("name").GetString(), Is.EqualTo("Renamed"));
            Assert.That(agent.GetProperty("specialization").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "a whole definition");
            Assert.That(agent.GetProperty("capabilities").GetArrayLength(), Is.Zero);
        });
        await Eventually.Until(() => Events.VersionsOf("AgentUpdated", id).Count > 0, "AgentUpdated is received");
        Assert.That(Events.VersionsOf("AgentUpdated", id), Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public async Task Should_change_its_status_and_publish_AgentStatusChanged()
    {
        var id = await CreateAsync();

        var agent = await (await Client.SendAsync(HttpMethod.Post, $"/agents/{id}/status", Operator, new { status = "busy", reason = "working" }))
            .JsonAsync(HttpStatusCode.OK);
        var again = await (await Client.SendAsync(HttpMethod.Post, $"/agents/{id}/status", Operator, new { status = "busy" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(agent.GetProperty("status").GetString(), Is.EqualTo("busy"));
        Assert.That(again.GetProperty("version").GetInt64(), Is.EqualTo(2), "the same status again changes nothing");
        await Eventually.Until(() => Events.VersionsOf("AgentStatusChanged", id).Count > 0, "AgentStatusChanged is received");
        Assert.That(Events.VersionsOf("AgentStatusChanged", id), Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public async Task Should_delete_it_publish_AgentDeleted_and_keep_its_history()
    {
        var id = await CreateAsync();
        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator, new { name = "Renamed", model = "m" })).JsonAsync(HttpStatusCode.OK);

        await (await Client.SendAsync(HttpMethod.Delete, $"/agents/{id}", Operator, ifMatch: "\"2\"")).JsonAsync(HttpStatusCode.NoContent);

        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.NotFound);
        var history = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        Assert.That(history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()),
            Is.EqualTo(new[] { "AgentCreated", "AgentUpdated", "AgentDeleted" }));
        Assert.That(history.GetProperty("events")[1].GetProperty("data").GetProperty("name").GetString(), Is.EqualTo("Renamed"));
        await Eventually.Until(() => Events.TypesOf(id).Count == 3, "the three events are received");
        Assert.That(Events.TypesOf(id), Is.EquivalentTo(new[] { "AgentCreated", "AgentUpdated", "AgentDeleted" }));
    }

    [Test]
    public async Task Should_page_its_history_oldest_first()
    {
        var id = await CreateAsync();
        for (var i = 2; i <= 5; i++)
        {
            await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator, new { name = $"Name {i}", model = "m" })).JsonAsync(HttpStatusCode.OK);
        }

        var first = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history?limit=2", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        var second = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history?limit=2&after={first.GetProperty("next").GetString()}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        var last = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history?limit=2&after={second.GetProperty("next").GetString()}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);

        static IEnumerable<long> Versions(System.Text.Json.JsonElement page) => page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Versions(first).Concat(Versions(second)).Concat(Versions(last)), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(last.GetProperty("next").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        }

        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history?after=not-a-cursor", PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}/history?limit=0", PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<string> CreateAsync()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        return id;
    }
}
