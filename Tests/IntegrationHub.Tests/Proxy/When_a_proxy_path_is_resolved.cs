using AgentLightning.IntegrationHub.Proxy;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

public sealed class When_a_proxy_path_is_resolved
{
    [TestCase("https://api.test", "items/42", "?a=1", "https://api.test/items/42?a=1")]
    [TestCase("https://api.test/v1", "items/", null, "https://api.test/v1/items/")]
    [TestCase("https://api.test/v1/", "a b/ü", null, "https://api.test/v1/a%20b/%C3%BC")]
    [TestCase("https://api.test/v1/", "http:", null, "https://api.test/v1/http%3A")]
    [TestCase("https://api.test/v1/", "a?b#c", null, "https://api.test/v1/a%3Fb%23c")]
    [TestCase("https://api.test/v1/", null, null, "https://api.test/v1/")]
    public void Should_stay_under_the_base_url(string baseUrl, string? path, string? query, string expected) =>
        Assert.That(ProxyPath.Resolve(baseUrl, path, query).AbsoluteUri, Is.EqualTo(expected));

    [TestCase("..")]
    [TestCase("a/../../b")]
    [TestCase("./a")]
    [TestCase("a//b")]
    [TestCase("/etc/passwd")]
    [TestCase("//evil.test/x")]
    [TestCase("http://evil.test/x")]
    [TestCase("a%2F..%2F..%2Fb")]
    [TestCase("a%5cb")]
    [TestCase("a\\..\\b")]
    [TestCase("a\r\nHost: evil")]
    public void Should_refuse_a_path_that_could_leave_it(string path) =>
        Assert.Throws<ArgumentException>(() => ProxyPath.Resolve("https://api.test/v1/", path, null));
}
