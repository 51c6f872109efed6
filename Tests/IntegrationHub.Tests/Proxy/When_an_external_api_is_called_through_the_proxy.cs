using System.Net;
using AgentLightning.IntegrationHub.Proxy;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Proxy;

public sealed class When_an_external_api_is_called_through_the_proxy
{
    private ProxyHub _hub = null!;

    [OneTimeSetUp]
    public async Task Start() => _hub = await ProxyHub.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [Test]
    public async Task Should_pass_the_path_the_query_and_the_auth_header_through()
    {
        var id = await _hub.CreateAsync();

        using var response = await _hub.GetAsync(id, "items/42?q=a%20b&x=1");
        var answer = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("path").GetString(), Is.EqualTo("/api/items/42"));
            Assert.That(answer.GetProperty("query").GetString(), Is.EqualTo("?q=a%20b&x=1"));
            Assert.That(answer.GetProperty("auth").GetString(), Is.EqualTo("secret-key"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task Should_answer_from_the_cache_within_the_ttl()
    {
        var id = await _hub.CreateAsync(cacheTtlSeconds: 300);

        using var first = await _hub.GetAsync(id, "cached?page=1");
        using var second = await _hub.GetAsync(id, "cached?page=1");
        using var otherQuery = await _hub.GetAsync(id, "cached?page=2");

        Assert.Multiple(async () =>
        {
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(first.Headers.GetValues(IntegrationProxy.CacheHeader), Is.EqualTo(new[] { "miss" }));
            Assert.That(second.Headers.GetValues(IntegrationProxy.CacheHeader), Is.EqualTo(new[] { "hit" }));
            Assert.That(_hub.Upstream.CallsTo("/api/cached?page=1"), Is.EqualTo(1));
            Assert.That(_hub.Upstream.CallsTo("/api/cached?page=2"), Is.EqualTo(1), "another query is another entry");
        });
    }

    [Test]
    public async Task Should_call_the_api_again_once_the_ttl_has_passed()
    {
        var id = await _hub.CreateAsync(cacheTtlSeconds: 1);
        (await _hub.GetAsync(id, "short-lived")).Dispose();

        await Eventually.Until(async () =>
        {
            using var again = await _hub.GetAsync(id, "short-lived");
            return again.Headers.GetValues(IntegrationProxy.CacheHeader).Single() == "miss";
        }, "the cached answer expires", TimeSpan.FromSeconds(10));

        Assert.That(_hub.Upstream.CallsTo("/api/short-lived"), Is.EqualTo(2));
    }

    [Test]
    public async Task Should_not_cache_without_a_ttl_nor_an_error_answer()
    {
        var plain = await _hub.CreateAsync();
        var cached = await _hub.CreateAsync(cacheTtlSeconds: 300);

        for (var i = 0; i < 2; i++)
        {
            (await _hub.GetAsync(plain, "uncached")).Dispose();
            using var missing = await _hub.GetAsync(cached, "missing");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(_hub.Upstream.CallsTo("/api/uncached"), Is.EqualTo(2));
        Assert.That(_hub.Upstream.CallsTo("/api/missing"), Is.EqualTo(2), "a 404 is passed on, never cached");
    }

    [Test]
    public async Task Should_serve_a_changed_integration_without_its_old_answers()
    {
        var id = await _hub.CreateAsync(cacheTtlSeconds: 300);
        (await _hub.GetAsync(id, "versioned")).Dispose();

        await (await _hub.Operator.PutJsonAsync($"/integrations/{id}", new
        {
            name = "api", url = _hub.Upstream.BaseUrl, authHeaderName = UpstreamStub.AuthHeader, authHeaderValue = "new-key", cacheTtlSeconds = 300,
        })).JsonAsync(HttpStatusCode.OK);
        var answer = await (await _hub.GetAsync(id, "versioned")).JsonAsync(HttpStatusCode.OK);

        Assert.That(answer.GetProperty("auth").GetString(), Is.EqualTo("new-key"));
        Assert.That(_hub.Upstream.CallsTo("/api/versioned"), Is.EqualTo(2));
    }
}
