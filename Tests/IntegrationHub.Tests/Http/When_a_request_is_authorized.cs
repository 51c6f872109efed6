using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Http;

public sealed class When_a_request_is_authorized
{
    [Test]
    public async Task Should_answer_401_without_a_token()
    {
        await (await SharedHub.App.As(null).GetAsync("/integrations")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_answer_403_when_a_viewer_writes_and_200_when_it_reads()
    {
        var viewer = SharedHub.App.As(PlatformRoles.Viewer);

        await (await viewer.PostJsonAsync("/integrations", Api.Webhook("http://127.0.0.1:9/", "*"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync("/integrations")).JsonAsync(HttpStatusCode.OK);
    }
}
