using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AgentLightning.Infrastructure.Tests.Outbound;

/// <summary>The creation-time check an integration's URL goes through (its endpoint answers 400 with the reason).</summary>
public sealed class When_a_target_is_checked
{
    [TestCase("http://169.254.169.254/latest/meta-data/", "link-local")]
    [TestCase("http://127.0.0.1:9999/", "loopback")]
    [TestCase("http://[::1]:9999/", "loopback")]
    [TestCase("http://private.test/", "private")]
    [TestCase("http://metadata.test/", "link-local")]
    [TestCase("http://mixed.test/", "private")]
    [TestCase("http://[::ffff:10.0.0.5]/", "private")]
    [TestCase("http://[::ffff:169.254.169.254]/", "link-local")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/", "link-local")]
    [TestCase("http://2130706433:9999/", "loopback")]
    [TestCase("http://0x7f.1:9999/", "loopback")]
    [TestCase("http://017700000001:9999/", "loopback")]
    [TestCase("http://0.0.0.0/", "unspecified")]
    [TestCase("http://[::]/", "unspecified")]
    [TestCase("http://100.64.0.1/", "private")]
    [TestCase("http://172.16.0.1/", "private")]
    [TestCase("http://192.168.1.1/", "private")]
    [TestCase("http://[fd00::1]/", "private")]
    [TestCase("http://[fe80::1]/", "link-local")]
    [TestCase("http://224.0.0.1/", "multicast")]
    [TestCase("http://255.255.255.255/", "broadcast")]
    [TestCase("http://198.18.0.1/", "benchmarking")]
    [TestCase("http://[2001:db8::1]/", "documentation")]
    [TestCase("ftp://public.test/", "scheme")]
    [TestCase("file:///etc/passwd", "scheme")]
    [TestCase("http://user:secret@public.test/", "User information")]
    [TestCase("http://unknown.test/", "could not be resolved")]
    public async Task Should_refuse_an_internal_or_malformed_target(string url, string reason)
    {
        using var calls = new GuardedCalls();

        var verdict = await calls.CheckAsync(url);

        Assert.That(verdict.IsAllowed, Is.False, url);
        Assert.That(verdict.Reason, Does.Contain(reason));
    }

    [TestCase("http://2130706433/")]
    [TestCase("http://0x7f.1/")]
    [TestCase("http://017700000001/")]
    public void Should_see_numeric_literals_as_the_address_uri_makes_of_them(string url) =>
        Assert.That(new Uri(url).IdnHost, Is.EqualTo("127.0.0.1"), "Uri canonicalises decimal, hex and octal IPv4 forms; the guard judges that address");

    [Test]
    public async Task Should_allow_a_public_target()
    {
        using var calls = new GuardedCalls();

        Assert.That((await calls.CheckAsync("https://public.test/hooks?x=1")).IsAllowed, Is.True);
    }

    [TestCase("http://127.0.0.1:8002/")]
    [TestCase("http://loopback.test:8003/")]
    [TestCase("http://[::1]:8005/")]
    [TestCase("http://[::ffff:127.0.0.1]:8001/")]
    [TestCase("http://0.0.0.0:8004/")]
    public async Task Should_refuse_the_platforms_own_services_even_when_loopback_is_allowed(string url)
    {
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);

        var verdict = await calls.CheckAsync(url);

        Assert.That(verdict.IsAllowed, Is.False, url);
        Assert.That(verdict.Reason, Does.Contain("platform"));
    }

    [TestCase("http://127.0.0.1:9999/")]
    [TestCase("http://loopback.test:3000/")]
    [TestCase("http://[::1]:9999/")]
    public async Task Should_allow_a_loopback_receiver_when_loopback_is_allowed(string url)
    {
        using var calls = new GuardedCalls(GuardedCalls.AllowLoopback);

        Assert.That((await calls.CheckAsync(url)).IsAllowed, Is.True, url);
    }

    [Test]
    public async Task Should_keep_refusing_the_metadata_address_when_loopback_and_private_networks_are_allowed()
    {
        using var calls = new GuardedCalls(new Dictionary<string, string?>
        {
            ["Outbound:AllowLoopback"] = "true",
            ["Outbound:AllowPrivateNetworks"] = "true",
        });

        Assert.That((await calls.CheckAsync("http://private.test/")).IsAllowed, Is.True);
        Assert.That((await calls.CheckAsync("http://metadata.test/")).IsAllowed, Is.False);
    }

    [Test]
    public async Task Should_allow_only_the_configured_private_network_and_platform_endpoints_never()
    {
        using var calls = new GuardedCalls(new Dictionary<string, string?>
        {
            ["Outbound:AllowedNetworks:0"] = "10.0.0.0/24",
            ["Outbound:PlatformEndpoints:0"] = "10.0.0.5:8443",
            ["Outbound:PlatformPorts:0"] = "9100",
            ["Outbound:AllowLoopback"] = "true",
        });

        Assert.That((await calls.CheckAsync("http://private.test/")).IsAllowed, Is.True);
        Assert.That((await calls.CheckAsync("http://10.0.1.5/")).IsAllowed, Is.False);
        Assert.That((await calls.CheckAsync("https://private.test:8443/")).Reason, Does.Contain("platform"));
        Assert.That((await calls.CheckAsync("http://127.0.0.1:9100/")).Reason, Does.Contain("platform"), "a configured port adds to the defaults");
        Assert.That((await calls.CheckAsync("http://127.0.0.1:8002/")).Reason, Does.Contain("platform"));
    }

    [Test]
    public async Task Should_refuse_the_ports_this_process_listens_on()
    {
        using var calls = new GuardedCalls(new Dictionary<string, string?> { ["Outbound:AllowLoopback"] = "true", ["urls"] = "http://+:9123;https://localhost:9443" });

        Assert.That((await calls.CheckAsync("http://127.0.0.1:9123/")).Reason, Does.Contain("platform"));
        Assert.That((await calls.CheckAsync("https://127.0.0.1:9443/")).Reason, Does.Contain("platform"));
        Assert.That((await calls.CheckAsync("http://127.0.0.1:9124/")).IsAllowed, Is.True);
    }

    [Test]
    public async Task Should_refuse_a_platform_port_on_any_address_of_this_machine()
    {
        var own = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address).Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal).ToList();
        Assume.That(own, Is.Not.Empty, "this machine has no address besides loopback and link-local");
        using var calls = new GuardedCalls(new Dictionary<string, string?> { ["Outbound:AllowPrivateNetworks"] = "true", ["Outbound:AllowedNetworks:0"] = "0.0.0.0/0" });

        foreach (var address in own)
        {
            var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            Assert.That((await calls.CheckAsync($"http://{host}:8002/")).Reason, Does.Contain("platform"), host);
        }
    }
}
