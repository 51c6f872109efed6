using System.Net;
using System.Net.Sockets;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

/// <summary>Another service whose Auth is down (never fetched its keys): it starts, serves health and refuses tokens with 401.</summary>
public sealed class When_auth_cannot_be_reached
{
    private AuthHost _service = null!;

    [OneTimeSetUp]
    public async Task Start() =>
        _service = await AuthHost.StartValidatorAsync(SharedPlatform.Platform.ValidatorSettings($"http://127.0.0.1:{ClosedPort()}"));

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_still_serve_its_health_probe()
    {
        Assert.That((await _service.Client.GetAsync(new Uri(DefaultEndpoints.LivePath, UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_answer_401_not_500_to_a_token()
    {
        var token = TestTokenAuthority.Shared.Issue("someone", "viewer");

        await (await _service.Client.SendAsync(HttpMethod.Get, "/viewer", token)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>A loopback port nothing listens on (taken and given back at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
