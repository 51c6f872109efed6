using System.Net;
using AgentLightning.ServiceDiscovery.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Http;

public sealed class When_services_are_read : OnOneDiscoveryInstance
{
    [Test]
    public async Task Should_answer_401_without_a_token()
    {
        using var list = await Discovery.GetAsync("/services", role: null);
        using var one = await Discovery.GetAsync("/services/service-discovery", role: null);

        Assert.Multiple(() =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Should_answer_403_to_a_token_without_a_platform_role()
    {
        using var response = await Discovery.GetAsync("/services", role: "guest");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Should_answer_404_for_a_service_that_never_registered()
    {
        using var response = await Discovery.GetAsync($"/services/{Names.Service()}", "viewer");

        await response.JsonAsync(HttpStatusCode.NotFound);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Should_answer_400_for_a_limit_out_of_range_or_a_forged_cursor()
    {
        using var limit = await Discovery.GetAsync("/services?limit=0", "viewer");
        using var cursor = await Discovery.GetAsync("/services?after=not-a-cursor", "viewer");

        Assert.Multiple(() =>
        {
            Assert.That(limit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(cursor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_page_through_every_service_by_name()
    {
        var services = new[] { Names.Service(), Names.Service(), Names.Service() };
        foreach (var (service, index) in services.Select((s, i) => (s, i)))
        {
            await Platform.RegisterAsync(service, $"http://127.0.0.1:{5301 + index}");
        }

        var seen = new List<string>();
        await Eventually.Until(async () =>
        {
            seen = await AllNamesAsync();
            return services.All(seen.Contains);
        }, "every registered service is listed");

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.Ordered.Using<string>(StringComparer.Ordinal));
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Does.Contain("service-discovery"));
        });
    }

    private async Task<List<string>> AllNamesAsync()
    {
        var names = new List<string>();
        for (string? next = null; ;)
        {
            var page = await (await Discovery.GetAsync(next is null ? "/services?limit=2" : $"/services?limit=2&after={next}", "viewer")).JsonAsync(HttpStatusCode.OK);
            var items = page.GetProperty("services").EnumerateArray().ToList();
            Assert.That(page.GetProperty("count").GetInt32(), Is.EqualTo(items.Count));
            names.AddRange(items.Select(s => s.GetProperty("name").GetString()!));
            if ((next = page.GetProperty("next").GetString()) is null)
            {
                return names;
            }
        }
    }
}
