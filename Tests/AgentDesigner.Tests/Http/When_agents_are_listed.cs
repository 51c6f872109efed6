using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

/// <summary>Every fixture shares the service's database: each list here is narrowed to a model of its own.</summary>
public sealed class When_agents_are_listed
{
    private const string Operator = PlatformRoles.Operator;
    private const string Viewer = PlatformRoles.Viewer;

    private static HttpClient Client => SharedService.Client;

    [Test]
    public async Task Should_page_them_by_id_with_a_cursor_to_the_next_page()
    {
        var model = Samples.AgentId("model");
        var ids = await CreateAsync(model, 5);

        var first = await GetAsync($"/agents?model={model}&limit=2");
        var pages = (await Client.PagesAsync($"/agents?model={model}&limit=2", Viewer)).Select(Ids).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(2), "count is the page's");
            Assert.That(first.GetProperty("next").GetString(), Is.Not.Empty);
            Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 1 }));
            Assert.That(pages.SelectMany(p => p), Is.EqualTo(ids.Order(StringComparer.Ordinal)));
        });
    }

    [Test]
    public async Task Should_return_each_agent_once_in_order_while_agents_are_added_and_deleted_between_pages()
    {
        var model = Samples.AgentId("model");
        var prefix = Samples.AgentId("walk");
        var ids = Enumerable.Range(0, 9).Select(i => $"{prefix}-{i * 2 + 10}").ToList(); // -10, -12, ... -26
        foreach (var id in ids)
        {
            await CreateAsync(id, model);
        }

        var page = await GetAsync($"/agents?model={model}&limit=3");
        var seen = Ids(page);
        await CreateAsync($"{prefix}-11", model); // behind the cursor: not shown, nothing shifts
        await CreateAsync($"{prefix}-19", model); // ahead of it: shown once, in its place
        await DeleteAsync($"{prefix}-20");        // ahead of it: never shown
        await DeleteAsync($"{prefix}-10");        // already shown: nothing shifts
        while (page.GetProperty("next").GetString() is { } next)
        {
            page = await GetAsync($"/agents?model={model}&limit=3&after={next}");
            seen.AddRange(Ids(page));
        }

        var expected = ids.Where(id => id != $"{prefix}-20").Append($"{prefix}-19").Order(StringComparer.Ordinal);
        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public async Task Should_filter_by_status_model_specialization_and_text_in_the_name()
    {
        var model = Samples.AgentId("model");
        var scout = await CreateAsync(Samples.AgentId(), model, "Alpha Scout", "research");
        var shout = await CreateAsync(Samples.AgentId(), model, "beta SCOUT", "writing");
        var other = await CreateAsync(Samples.AgentId(), model, "Gamma 100%_done", "research");
        await (await Client.SendAsync(HttpMethod.Post, $"/agents/{shout}/status", Operator, new { status = "inactive" })).JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(await GetAsync($"/agents?model={model}")), Is.EquivalentTo(new[] { scout, shout, other }));
            Assert.That(Ids(await GetAsync($"/agents?model={model}&q=scout")), Is.EquivalentTo(new[] { scout, shout }), "case-insensitive");
            Assert.That(Ids(await GetAsync($"/agents?model={model}&q=a%20s")), Is.EquivalentTo(new[] { scout, shout }));
            Assert.That(Ids(await GetAsync($"/agents?model={model}&q=%25_")), Is.EquivalentTo(new[] { other }), "% and _ are literal");
            Assert.That(Ids(await GetAsync($"/agents?model={model}&q=a_s")), Is.Empty);
            Assert.That(Ids(await GetAsync($"/agents?model={model}&status=inactive")), Is.EquivalentTo(new[] { shout }));
            Assert.That(Ids(await GetAsync($"/agents?model={model}&specialization=research&status=active")), Is.EquivalentTo(new[] { scout, other }));
            Assert.That(Ids(await GetAsync($"/agents?model={model}-none")), Is.Empty);
        });
    }

    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=-5")]
    [TestCase("limit=abc")]
    [TestCase("after=not-a-cursor")]
    [TestCase("after=WyJ4Il0x")]
    [TestCase("after=e30")]
    [TestCase("after=WyJcdTAwMDAiXQ")]
    [TestCase("after=WyJhIiwiYiJd")] // ["a","b"]: another list's cursor
    [TestCase("q=a%00b")]
    [TestCase("model=a%00b")]
    [TestCase("specialization=a%00b")]
    [TestCase("status=sleeping")]
    public async Task Should_refuse_a_bad_limit_or_cursor_with_a_problem(string query)
    {
        var problem = await (await Client.SendAsync(HttpMethod.Get, $"/agents?{query}", Viewer)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(query.Split('=')[0]).IgnoreCase);
    }

    [TestCase(1)]
    [TestCase(1000)]
    public async Task Should_accept_limits_from_1_to_1000(int limit)
    {
        var model = Samples.AgentId("model");
        await CreateAsync(model, 2);

        var page = await GetAsync($"/agents?model={model}&limit={limit}");

        Assert.That(page.GetProperty("count").GetInt32(), Is.EqualTo(Math.Min(limit, 2)));
        Assert.That(page.GetProperty("next").ValueKind, Is.EqualTo(limit == 1 ? JsonValueKind.String : JsonValueKind.Null));
    }

    [Test]
    public async Task Should_show_a_write_in_the_next_read()
    {
        var model = Samples.AgentId("model");
        var id = await CreateAsync(Samples.AgentId(), model);
        Assert.That(Ids(await GetAsync($"/agents?model={model}")), Is.EqualTo(new[] { id }));

        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", Operator, new { name = "Moved", model = model + "-2" })).JsonAsync(HttpStatusCode.OK);

        Assert.That(Ids(await GetAsync($"/agents?model={model}")), Is.Empty);
        Assert.That(Ids(await GetAsync($"/agents?model={model}-2&q=moved")), Is.EqualTo(new[] { id }));
    }

    private static async Task<JsonElement> GetAsync(string path) =>
        await (await Client.SendAsync(HttpMethod.Get, path, Viewer)).JsonAsync(HttpStatusCode.OK);

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];

    private static async Task<List<string>> CreateAsync(string model, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await CreateAsync(Samples.AgentId(), model));
        }

        return ids;
    }

    private static async Task<string> CreateAsync(string id, string model, string name = "Test Agent", string specialization = "research")
    {
        await (await Client.SendAsync(HttpMethod.Post, "/agents", Operator, new { id, name, model, specialization })).JsonAsync(HttpStatusCode.Created);
        return id;
    }

    private static async Task DeleteAsync(string id) =>
        await (await Client.SendAsync(HttpMethod.Delete, $"/agents/{id}", Operator)).JsonAsync(HttpStatusCode.NoContent);
}
