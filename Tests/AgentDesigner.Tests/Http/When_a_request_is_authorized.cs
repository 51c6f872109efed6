using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_a_request_is_authorized
{
    private static HttpClient Client => SharedService.Client;

    [Test]
    public async Task Should_answer_401_without_a_token()
    {
        await (await Client.SendAsync(HttpMethod.Get, "/agents", role: null)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_answer_403_when_a_viewer_creates_an_agent()
    {
        var id = Samples.AgentId();

        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Viewer, Samples.Agent(id))).ProblemAsync(HttpStatusCode.Forbidden);

        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_answer_200_when_a_viewer_reads_agents()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);

        var list = await (await Client.SendAsync(HttpMethod.Get, "/agents", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        var agent = await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()), Does.Contain(id));
            Assert.That(list.GetProperty("count").GetInt32(), Is.EqualTo(list.GetProperty("agents").GetArrayLength()));
            Assert.That(agent.GetProperty("id").GetString(), Is.EqualTo(id));
        });
    }
}
