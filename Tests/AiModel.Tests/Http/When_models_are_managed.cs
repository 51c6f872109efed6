using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.AiModel.Tests.Http;

public sealed class When_models_are_managed
{
    private AiModelPlatform _platform = null!;
    private AiModelApp _app = null!;
    private HttpClient _operator = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await AiModelPlatform.StartAsync(instances: 0);
        _app = new AiModelApp(_platform);
        _operator = _app.As("operator");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _operator.Dispose();
        await _app.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private static object Model(string name, int limit = 2) =>
        new { name, provider = "local", providerModel = "echo", contextWindow = 8192, maxConcurrentTasks = limit };

    [Test]
    public async Task Should_create_read_update_and_delete_a_model_announcing_each_change()
    {
        var created = await (await _operator.PostJsonAsync("/models", Model("crud-model"))).JsonAsync(HttpStatusCode.Created);
        Assert.That(created.GetProperty("maxConcurrentTasks").GetInt32(), Is.EqualTo(2));

        var updated = await (await _operator.PutAsJsonAsync("/models/crud-model", new { provider = "openai", providerModel = "gpt-4o-mini", contextWindow = 128000, maxConcurrentTasks = 5 }))
            .JsonAsync(HttpStatusCode.OK);
        var read = await (await _app.As("viewer").GetAsync("/models/crud-model")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(read.GetProperty("provider").GetString(), Is.EqualTo("openai"));
            Assert.That(read.GetProperty("maxConcurrentTasks").GetInt32(), Is.EqualTo(5));
        });

        await (await _operator.DeleteAsync("/models/crud-model")).JsonAsync(HttpStatusCode.NoContent);
        await (await _operator.GetAsync("/models/crud-model")).JsonAsync(HttpStatusCode.NotFound);
        await Eventually.Until(() => _platform.Received.ModelEvents("crud-model").Count == 3, "the three events arrive");
        Assert.That(_platform.Received.ModelEvents("crud-model"), Is.EquivalentTo(new[] { "ModelCreated", "ModelUpdated", "ModelDeleted" }));
    }

    [Test]
    public async Task Should_page_the_list_by_name()
    {
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            await (await _operator.PostJsonAsync("/models", Model(name))).JsonAsync(HttpStatusCode.Created);
        }

        var names = new List<string>();
        string? next = null;
        do
        {
            var page = await (await _operator.GetAsync("/models?limit=2" + (next is null ? "" : "&after=" + next))).JsonAsync(HttpStatusCode.OK);
            Assert.That(page.GetProperty("count").GetInt32(), Is.LessThanOrEqualTo(2));
            names.AddRange(page.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        Assert.That(names.Where(n => n.StartsWith("page-", StringComparison.Ordinal)), Is.EqualTo(new[] { "page-a", "page-b", "page-c" }));
        Assert.That(names, Is.Ordered.And.Unique);
        await (await _operator.GetAsync("/models?limit=0")).JsonAsync(HttpStatusCode.BadRequest);
        await (await _operator.GetAsync("/models?limit=1001")).JsonAsync(HttpStatusCode.BadRequest);
        await (await _operator.GetAsync("/models?after=not-a-cursor")).JsonAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("""{"name":"Bad Name","provider":"local","providerModel":"echo","contextWindow":1,"maxConcurrentTasks":1}""", "name")]
    [TestCase("""{"name":"bad-provider","provider":"skynet","providerModel":"echo","contextWindow":1,"maxConcurrentTasks":1}""", "provider")]
    [TestCase("""{"name":"no-limit","provider":"local","providerModel":"echo","contextWindow":1}""", "maxConcurrentTasks")]
    [TestCase("""{"name":"zero-limit","provider":"local","providerModel":"echo","contextWindow":1,"maxConcurrentTasks":0}""", "maxConcurrentTasks")]
    [TestCase("""{"name":"wrong-type","provider":"local","providerModel":"echo","contextWindow":"big","maxConcurrentTasks":1}""", "")]
    [TestCase("""{"name":""", "")]
    public async Task Should_answer_bad_input_with_400(string json, string field)
    {
        using var response = await _operator.PostAsync("/models", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetRawText(), Does.Contain(field));
    }

    [Test]
    public async Task Should_answer_a_taken_name_with_409_and_an_unknown_one_with_404()
    {
        await (await _operator.PostJsonAsync("/models", Model("taken"))).JsonAsync(HttpStatusCode.Created);

        await (await _operator.PostJsonAsync("/models", Model("taken"))).JsonAsync(HttpStatusCode.Conflict);
        await (await _operator.PutAsJsonAsync("/models/never-made", Model("never-made"))).JsonAsync(HttpStatusCode.NotFound);
        await (await _operator.DeleteAsync("/models/never-made")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_need_a_token_to_read_and_the_operator_role_to_write()
    {
        using var anonymous = _app.As(null);
        using var viewer = _app.As("viewer");

        await (await anonymous.GetAsync("/models")).JsonAsync(HttpStatusCode.Unauthorized);
        await (await viewer.GetAsync("/models")).JsonAsync(HttpStatusCode.OK);
        await (await viewer.PostJsonAsync("/models", Model("viewer-made"))).JsonAsync(HttpStatusCode.Forbidden);
    }
}
