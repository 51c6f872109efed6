using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_knowledge_is_managed
{
    private const string Operator = PlatformRoles.Operator;
    private const string Viewer = PlatformRoles.Viewer;

    private static HttpClient Client => SharedService.Client;

    [Test]
    public async Task Should_add_list_update_and_delete_an_agents_knowledge_publishing_each_change()
    {
        var agentId = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(agentId))).JsonAsync(HttpStatusCode.Created);
        var id = Guid.NewGuid();

        using var added = await Client.SendAsync(HttpMethod.Post, $"/agents/{agentId}/knowledge", Operator,
            new { id, category = "docs", content = "The sky is blue.", metadata = new { lang = "en" }, relevanceScore = 0.7 });
        await added.JsonAsync(HttpStatusCode.Created);
        await (await Client.SendAsync(HttpMethod.Post, $"/agents/{agentId}/knowledge", Operator, new { id, category = "docs", content = "again" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var list = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{agentId}/knowledge", Viewer)).JsonAsync(HttpStatusCode.OK);
        var updated = await (await Client.SendAsync(HttpMethod.Put, $"/knowledge/{id}", Operator,
            new { category = "docs", content = "The sky is grey.", relevanceScore = 0.9 }, ifMatch: "\"1\"")).JsonAsync(HttpStatusCode.OK);
        await (await Client.SendAsync(HttpMethod.Delete, $"/knowledge/{id}", Operator)).JsonAsync(HttpStatusCode.NoContent);

        Assert.Multiple(() =>
        {
            Assert.That(added.Headers.Location?.ToString(), Is.EqualTo($"/knowledge/{id}"));
            Assert.That(list.GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(list.GetProperty("knowledge")[0].GetProperty("metadata").GetProperty("lang").GetString(), Is.EqualTo("en"));
            Assert.That(updated.GetProperty("content").GetString(), Is.EqualTo("The sky is grey."));
            Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(2));
        });
        await (await Client.SendAsync(HttpMethod.Get, $"/knowledge/{id}", Viewer)).ProblemAsync(HttpStatusCode.NotFound);
        var events = SharedService.Platform.Events;
        await Eventually.Until(() => events.TypesOf(id.ToString()).Count == 3, "the three knowledge events are received");
        Assert.That(events.TypesOf(id.ToString()), Is.EquivalentTo(new[] { "KnowledgeAdded", "KnowledgeUpdated", "KnowledgeDeleted" }));
    }
}
