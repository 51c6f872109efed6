using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_knowledge_is_searched
{
    private const string Operator = PlatformRoles.Operator;
    private const string Viewer = PlatformRoles.Viewer;

    private static HttpClient Client => SharedService.Client;

    [Test]
    public async Task Should_find_items_by_their_words_most_relevant_first()
    {
        var agent = await CreateAgentAsync();
        var best = await AddAsync(agent, "billing", "Refunds: how billing refunds are issued, and refunds for annual plans.");
        var some = await AddAsync(agent, "support", "Customers sometimes ask about a refund.");
        await AddAsync(agent, "billing", "Invoices are sent monthly.");
        var otherAgent = await CreateAgentAsync();
        await AddAsync(otherAgent, "billing", "Refunds are issued here too.");

        var found = await GetAsync($"/agents/{agent}/knowledge?q=refunds");
        var phrase = await GetAsync($"/agents/{agent}/knowledge?q=%22annual%20plans%22");
        var none = await GetAsync($"/agents/{agent}/knowledge?q=kangaroo");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(found), Is.EqualTo(new[] { best, some }), "stemmed (refund ~ refunds), ranked, this agent's only");
            Assert.That(found.GetProperty("knowledge")[0].GetProperty("rank").GetSingle(), Is.GreaterThan(found.GetProperty("knowledge")[1].GetProperty("rank").GetSingle()));
            Assert.That(Ids(phrase), Is.EqualTo(new[] { best }));
            Assert.That(none.GetProperty("count").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_bump_the_usage_of_each_hit_without_changing_its_version()
    {
        var agent = await CreateAgentAsync();
        var hit = await AddAsync(agent, "docs", "The deployment runbook.");
        var miss = await AddAsync(agent, "docs", "The holiday calendar.");
        var before = await GetAsync($"/knowledge/{hit}"); // cached from here on

        await GetAsync($"/agents/{agent}/knowledge?q=runbook");
        var second = (await GetAsync($"/agents/{agent}/knowledge?q=runbook")).GetProperty("knowledge")[0];
        using var read = await Client.SendAsync(HttpMethod.Get, $"/knowledge/{hit}", Viewer);
        var after = await read.JsonAsync(HttpStatusCode.OK);
        var untouched = await GetAsync($"/knowledge/{miss}");

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("usageCount").GetInt32(), Is.Zero);
            Assert.That(second.GetProperty("usageCount").GetInt32(), Is.EqualTo(2), "the hit shows its own use");
            Assert.That(after.GetProperty("usageCount").GetInt32(), Is.EqualTo(2), "the cached item shows the current count");
            Assert.That(after.GetProperty("lastUsedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That((after.GetProperty("version").GetInt64(), read.ETag()), Is.EqualTo((1L, "\"1\"")));
            Assert.That(untouched.GetProperty("usageCount").GetInt32(), Is.Zero);
        });
        await (await Client.SendAsync(HttpMethod.Put, $"/knowledge/{hit}", Operator, new { category = "docs", content = "The new runbook." }, ifMatch: "\"1\""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((await GetAsync($"/knowledge/{hit}")).GetProperty("usageCount").GetInt32(), Is.EqualTo(2), "an update keeps the count");
    }

    [Test]
    public async Task Should_count_every_concurrent_hit_and_never_fail_a_concurrent_conditional_update()
    {
        var agent = await CreateAgentAsync();
        var hit = await AddAsync(agent, "docs", "The escalation policy.");

        var searches = Enumerable.Range(0, 20).Select(_ => GetAsync($"/agents/{agent}/knowledge?q=escalation")).ToList();
        using var put = await Client.SendAsync(HttpMethod.Put, $"/knowledge/{hit}", Operator, new { category = "docs", content = "The escalation policy, v2." }, ifMatch: "\"1\"");
        await Task.WhenAll(searches);

        await put.JsonAsync(HttpStatusCode.OK);
        var item = await GetAsync($"/knowledge/{hit}");
        Assert.That((item.GetProperty("usageCount").GetInt32(), item.GetProperty("version").GetInt64()), Is.EqualTo((20, 2L)));
    }

    [Test]
    public async Task Should_page_the_list_and_the_hits_each_item_once()
    {
        var agent = await CreateAgentAsync();
        var added = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            added.Add(await AddAsync(agent, "notes", $"Note {i} about the weekly report" + string.Concat(Enumerable.Repeat(" report", i))));
        }

        var listed = (await Client.PagesAsync($"/agents/{agent}/knowledge?limit=2", Viewer)).SelectMany(Ids);
        var hits = (await Client.PagesAsync($"/agents/{agent}/knowledge?q=report&limit=2", Viewer)).SelectMany(Ids);

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(Enumerable.Reverse(added)), "newest first");
            Assert.That(hits, Is.EqualTo(Enumerable.Reverse(added)), "more mentions rank higher");
        });
    }

    [TestCase("limit=0")]
    [TestCase("after=bm9wZQ")]
    [TestCase("q=x&after=WyJ4IiwieSJd")]
    [TestCase("q=a%00b")]
    public async Task Should_refuse_a_bad_limit_or_cursor_with_a_problem(string query)
    {
        var agent = await CreateAgentAsync();

        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{agent}/knowledge?{query}", Viewer)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("knowledge").EnumerateArray().Select(k => k.GetProperty("id").GetGuid())];

    private static async Task<JsonElement> GetAsync(string path) =>
        await (await Client.SendAsync(HttpMethod.Get, path, Viewer)).JsonAsync(HttpStatusCode.OK);

    private static async Task<string> CreateAgentAsync()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        return id;
    }

    private static async Task<Guid> AddAsync(string agent, string category, string content)
    {
        var item = await (await Client.SendAsync(HttpMethod.Post, $"/agents/{agent}/knowledge", Operator, new { category, content })).JsonAsync(HttpStatusCode.Created);
        return item.GetProperty("id").GetGuid();
    }
}
