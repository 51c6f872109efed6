using System.Net;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

public sealed class When_a_proxy_call_cannot_be_made
{
    private ProxyHub _hub = null!;

    [OneTimeSetUp]
    public async Task Start() => _hub = await ProxyHub.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [TestCase("..%2F..%2Fadmin")]
    [TestCase("a%2Fb")]
    [TestCase("a%5Cb")]
    [TestCase("a//b")]
    [TestCase("http:%2F%2Fevil.test/x")]
    public async Task Should_refuse_a_path_that_could_leave_the_base_url(string path)
    {
        var id = await _hub.CreateAsync();
        var before = _hub.Upstream.Calls;

        using var response = await _hub.GetAsync(id, path);

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain("path"));
        Assert.That(_hub.Upstream.Calls, Is.EqualTo(before));
    }

    [TestCase("../../admin")]
    [TestCase("items/../../../admin")]
    [TestCase("./items")]
    [TestCase("/absolute")]
    public async Task Should_refuse_dot_segments_however_they_reach_the_route(string path)
    {
        var id = await _hub.CreateAsync();
        var before = _hub.Upstream.Calls;

        var (status, body) = await _hub.GetRawPathAsync(id, path);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(_hub.Upstream.Calls, Is.EqualTo(before));
    }

    [TestCase("http://metadata.test/", "169.254.169.254")]
    [TestCase("http://169.254.169.254/latest/", "169.254.169.254")]
    [TestCase("http://private.test/api", "10.0.0.5")]
    [TestCase("http://127.0.0.1:8002/", "platform")]
    public async Task Should_refuse_a_refused_target_at_creation(string url, string reason)
    {
        using var response = await _hub.Operator.PostJsonAsync("/integrations", new { name = "api", kind = "http", url });

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain(reason));
    }

    [TestCase("169.254.169.254")]
    [TestCase("10.0.0.5")]
    [TestCase("::ffff:10.0.0.5")]
    public async Task Should_refuse_a_name_that_resolves_to_a_refused_address_at_call_time(string address)
    {
        // Allowed at creation (loopback, development settings), refused once the name's answer changes.
        var name = $"rebind-{Guid.NewGuid():N}.test";
        _hub.Resolver.Answer(name, [IPAddress.Loopback], [IPAddress.Parse(address)]);
        var id = await _hub.CreateAsync(url: $"http://{name}:{_hub.Upstream.Port}/api");
        var connects = _hub.Connector.Connects.Count;

        using var response = await _hub.GetAsync(id, "anything");

        Assert.That((await response.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), Does.Contain(address));
        Assert.That(_hub.Connector.Connects, Has.Count.EqualTo(connects), "no connection was opened");
    }

    [Test]
    public async Task Should_answer_502_when_the_api_is_down()
    {
        var id = await _hub.CreateAsync(url: $"http://127.0.0.1:{ProxyHub.ClosedPort()}/");

        using var response = await _hub.GetAsync(id, "anything");

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadGateway)).Detail(), Does.Contain("could not be reached"));
    }

    [Test]
    public async Task Should_answer_502_when_the_api_fails()
    {
        var id = await _hub.CreateAsync();

        using var response = await _hub.GetAsync(id, "fail");

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadGateway)).Detail(), Does.Contain("500"));
        Assert.That(_hub.Upstream.CallsTo("/api/fail"), Is.EqualTo(2), "one retry");
    }

    [Test]
    public async Task Should_not_follow_a_redirect_with_the_auth_header()
    {
        var id = await _hub.CreateAsync();

        using var response = await _hub.GetAsync(id, "moved");

        Assert.That((await response.ProblemAsync(HttpStatusCode.BadGateway)).Detail(), Does.Contain("302"));
        Assert.That(_hub.Upstream.CallsTo("/api/elsewhere"), Is.Zero);
    }

    [Test]
    public async Task Should_answer_504_when_the_api_is_too_slow()
    {
        var id = await _hub.CreateAsync();

        using var response = await _hub.GetAsync(id, "slow");

        Assert.That((await response.ProblemAsync(HttpStatusCode.GatewayTimeout)).Detail(), Does.Contain("in time"));
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_integration()
    {
        using var response = await _hub.GetAsync(Guid.NewGuid(), "anything");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
