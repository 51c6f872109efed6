using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Processes;

/// <summary>The seed's problem (1 agent here, 10 there): two instances must give one answer.</summary>
public sealed class When_two_services_share_a_database
{
    private TestPlatform _platform = null!;

    private HttpClient One => _platform.Service(0).Client;

    private HttpClient Other => _platform.Service(1).Client;

    [OneTimeSetUp]
    public async Task Start() => _platform = await TestPlatform.StartAsync(services: 2);

    [OneTimeTearDown]
    public async Task Stop() => await _platform.DisposeAsync();

    [Test]
    public async Task Should_serve_a_change_made_through_one_from_the_other_at_once()
    {
        var id = Samples.AgentId();
        await (await One.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        var before = await (await Other.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);

        await (await One.SendAsync(HttpMethod.Put, $"/agents/{id}", PlatformRoles.Operator, new { name = "Changed", model = "model-2" }))
            .JsonAsync(HttpStatusCode.OK);
        using var response = await Other.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer);
        var after = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("name").GetString(), Is.EqualTo("Test Agent"), "the other had it cached");
            Assert.That(after.GetProperty("name").GetString(), Is.EqualTo("Changed"));
            Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(response.ETag(), Is.EqualTo("\"2\""));
        });
    }

    [Test]
    public async Task Should_list_the_same_agents_through_both()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => Samples.AgentId()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var client = i % 2 == 0 ? One : Other;
            await (await client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(ids[i]))).JsonAsync(HttpStatusCode.Created);
        }

        var one = await ListAsync(One);
        var other = await ListAsync(Other);

        Assert.That(one, Is.SupersetOf(ids));
        Assert.That(other, Is.EqualTo(one));
    }

    private static async Task<IReadOnlyList<string?>> ListAsync(HttpClient client)
    {
        var list = await (await client.SendAsync(HttpMethod.Get, "/agents", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        return [.. list.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString())];
    }
}
