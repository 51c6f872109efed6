using System.Net;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Outbound;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

/// <summary>
/// Issue 9: in development (loopback allowed) an http integration, which can send any auth header (e.g.
/// "Authorization: Basic guest:guest"), could reach the hub's own PostgreSQL, Redis or RabbitMQ on 127.0.0.1.
/// </summary>
public sealed class When_an_external_api_is_one_of_the_platforms_servers
{
    private ProxyHub _hub = null!;

    [OneTimeSetUp]
    public async Task Start() => _hub = await ProxyHub.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [TestCase(ConfiguredServers.Postgres)]
    [TestCase(ConfiguredServers.Redis)]
    [TestCase(ConfiguredServers.RabbitMq)]
    [TestCase(ConfiguredServers.RabbitMqManagement)]
    public async Task Should_refuse_it_at_creation_with_400(string server)
    {
        using var response = await _hub.Operator.PostJsonAsync("/integrations", new
        {
            name = "api", kind = "http", url = $"http://127.0.0.1:{ConfiguredServers.Port(server)}/", authHeaderName = "Authorization", authHeaderValue = "Basic Z3Vlc3Q6Z3Vlc3Q=",
        });

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain("platform"));
    }

    [TestCase(ConfiguredServers.Postgres)]
    [TestCase(ConfiguredServers.Redis)]
    [TestCase(ConfiguredServers.RabbitMq)]
    [TestCase(ConfiguredServers.RabbitMqManagement)]
    public async Task Should_never_connect_to_it_when_a_name_turns_into_it_after_creation(string server)
    {
        var port = ConfiguredServers.Port(server);
        var name = $"rebind-{Guid.NewGuid():N}.test";
        _hub.Resolver.Answer(name, [TestResolver.PublicAddress], [IPAddress.Loopback]);
        var id = await _hub.CreateAsync(url: $"http://{name}:{port}/");

        using var response = await _hub.GetAsync(id, "api/overview");

        Assert.That((await response.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), Does.Contain("platform"));
        Assert.That(_hub.Connector.Connects.Select(e => e.Port), Has.None.EqualTo(port), "no connection was opened");
    }
}
