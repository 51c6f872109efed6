using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Processes;

/// <summary>The seed's test_agent_persistence at process level: nothing lives in the process's memory.</summary>
public sealed class When_the_service_is_killed
{
    private TestPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start() => _platform = await TestPlatform.StartAsync(services: 1);

    [OneTimeTearDown]
    public async Task Stop() => await _platform.DisposeAsync();

    [Test]
    public async Task Should_serve_an_agent_created_before_it_was_killed()
    {
        // The seed's "test_agent" (ids are slugs now), made unique: the recorder's queue is bound to the shared
        // AgentCreated exchange, so a fixed id also counted the AgentCreated of every concurrent run of this spec.
        var id = Samples.AgentId("test-agent");
        var first = _platform.Service(0);
        await (await first.Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, new { id, name = "Test Agent", model = "test-model" }))
            .JsonAsync(HttpStatusCode.Created);

        await first.KillAsync();
        var restarted = await _platform.StartServiceAsync();

        var agent = await (await restarted.Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(agent.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(agent.GetProperty("name").GetString(), Is.EqualTo("Test Agent"));
            Assert.That(await _platform.Environment.Database.ScalarAsync<string>($"SELECT name FROM agents WHERE id = '{id}'"), Is.EqualTo("Test Agent"));
        });
        await Eventually.Until(() => _platform.Events.VersionsOf("AgentCreated", id).Count > 0, "AgentCreated is delivered despite the kill");
        Assert.That(_platform.Events.VersionsOf("AgentCreated", id), Is.EqualTo(new long[] { 1 }));
    }
}
