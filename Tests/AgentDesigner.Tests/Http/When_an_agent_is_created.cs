using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_an_agent_is_created
{
    private readonly string _id = Samples.AgentId();
    private HttpResponseMessage _created = null!;
    private System.Text.Json.JsonElement _body;

    private static HttpClient Client => SharedService.Client;

    [OneTimeSetUp]
    public async Task Create()
    {
        _created = await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(_id));
        _body = await _created.JsonAsync(HttpStatusCode.Created);
    }

    [OneTimeTearDown]
    public void DisposeResponse() => _created.Dispose();

    [Test]
    public void Should_answer_201_with_its_location_and_version()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_created.Headers.Location?.ToString(), Is.EqualTo($"/agents/{_id}"));
            Assert.That(_created.ETag(), Is.EqualTo("\"1\""));
            Assert.That(_body.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(_body.GetProperty("status").GetString(), Is.EqualTo("active"));
            Assert.That(_body.GetProperty("config").GetProperty("tools")[0].GetString(), Is.EqualTo("search"));
        });
    }

    [Test]
    public async Task Should_serve_it_with_its_version_as_etag()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, $"/agents/{_id}", PlatformRoles.Viewer);
        var agent = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(response.ETag(), Is.EqualTo("\"1\""));
            Assert.That(agent.GetProperty("name").GetString(), Is.EqualTo("Test Agent"));
            Assert.That(agent.GetProperty("capabilities").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_publish_AgentCreated_to_a_subscriber()
    {
        var events = SharedService.Platform.Events;

        await Eventually.Until(() => events.VersionsOf("AgentCreated", _id).Count > 0, "the subscriber received AgentCreated", TimeSpan.FromSeconds(15));

        Assert.That(events.VersionsOf("AgentCreated", _id), Is.EqualTo(new long[] { 1 }));
    }
}
