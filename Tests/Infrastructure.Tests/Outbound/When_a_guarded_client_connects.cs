using System.Net;
using AgentLightning.Testing.Outbound;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>The connect-time check every request, redirect and new connection of a guarded HttpClient goes through.</summary>
public sealed class When_a_guarded_client_connects
{
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://private.test/")]
    [TestCase("http://metadata.test/")]
    [TestCase("http://mixed.test/")]
    [TestCase("http://[::ffff:10.0.0.5]/")]
    [TestCase("http://[::ffff:169.254.169.254]/")]
    [TestCase("http://2130706433:9999/")]
    [TestCase("http://0x7f.1:9999/")]
    [TestCase("http://user:secret@public.test/")]
    public void Should_refuse_before_connecting(string url)
    {
        using var calls = new GuardedCalls();

        calls.RefusedGet(url);

        Assert.That(calls.Connector.Connects, Is.Empty);
    }

    [TestCase("http://127.0.0.1:8002/")]
    [TestCase("http://loopback.test:8001/")]
    public void Should_refuse_a_platform_port_when_loopback_is_allowed(string url)
    {
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);

        Assert.That(calls.RefusedGet(url).Message, Does.Contain("platform"));
        Assert.That(calls.Connector.Connects, Is.Empty);
    }

    [Test]
    public async Task Should_reach_a_loopback_receiver_when_loopback_is_allowed()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);

        var answer = await calls.Client.GetStringAsync(new Uri(server.BaseUrl, "/hello"));

        Assert.That(answer, Is.EqualTo("hello"));
        Assert.That(calls.Connector.Connects.Select(e => e.Port), Is.EqualTo(new[] { server.BaseUrl.Port }));
    }

    [Test]
    public async Task Should_refuse_a_loopback_receiver_by_default()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var calls = new GuardedCalls();

        calls.RefusedGet(new Uri(server.BaseUrl, "/hello").ToString());

        Assert.That(server.Requests, Is.Zero);
    }

    [TestCase("http://metadata.test/latest/meta-data/")]
    [TestCase("http://169.254.169.254/")]
    [TestCase("http://private.test/")]
    [TestCase("http://127.0.0.1:8002/agents")]
    public async Task Should_refuse_a_redirect_to_a_refused_target(string target)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);

        calls.RefusedGet(new Uri(server.BaseUrl, "/redirect?to=" + Uri.EscapeDataString(target)).ToString());

        Assert.That(server.Requests, Is.EqualTo(1), "the allowed first hop was made");
        Assert.That(calls.Connector.Connects, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_refuse_a_name_that_resolves_elsewhere_at_delivery_than_at_creation()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);
        calls.Resolver.Answer("rebind.test", [IPAddress.Loopback], [TestResolver.PrivateAddress]);
        var url = $"http://rebind.test:{server.BaseUrl.Port}/hello";

        Assert.That((await calls.CheckAsync(url)).IsAllowed, Is.True, "at creation the name resolved to loopback");
        Assert.That(calls.RefusedGet(url).Message, Does.Contain("10.0.0.5"));
        Assert.That(calls.Connector.Connects, Is.Empty);
    }

    [Test]
    public async Task Should_resolve_once_and_connect_to_the_checked_address()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);
        // A second lookup would answer a private address: connecting to it would fail the spec in the connector.
        calls.Resolver.Answer("once.test", [IPAddress.Loopback], [TestResolver.PrivateAddress]);

        var answer = await calls.Client.GetStringAsync(new Uri($"http://once.test:{server.BaseUrl.Port}/hello"));

        Assert.That(answer, Is.EqualTo("hello"));
        Assert.That(calls.Resolver.Calls, Is.EqualTo(1));
    }

    [TestCase(3, 3, HttpStatusCode.OK)]
    [TestCase(3, 4, HttpStatusCode.Redirect)]
    [TestCase(0, 1, HttpStatusCode.Redirect)]
    public async Task Should_follow_at_most_the_configured_redirects(int maxRedirects, int hops, HttpStatusCode expected)
    {
        await using var server = await LoopbackServer.StartAsync();
        var settings = GuardedCalls.AllowLoopback;
        settings["Outbound:MaxRedirects"] = maxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var calls = new GuardedCalls(settings);

        using var response = await calls.Client.GetAsync(new Uri(server.BaseUrl, $"/hops/{hops}"));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }
}
