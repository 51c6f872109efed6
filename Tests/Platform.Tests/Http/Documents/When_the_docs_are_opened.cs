using System.Net;
using System.Text.RegularExpressions;
using AgentLightning.Platform.Tests.Support;

namespace AgentLightning.Platform.Tests.Http.Documents;

/// <summary>Every service's interactive reference loads nothing from another host: no CDN, no web fonts, no telemetry.</summary>
[TestFixtureSource(typeof(PlatformServices), nameof(PlatformServices.All))]
public sealed partial class When_the_docs_are_opened(string service)
{
    private string _html = "";
    private Uri _page = null!;

    private HttpClient Client => SharedPlatform.Platform.Processes.First(p => p.Service == service).Client;

    [OneTimeSetUp]
    public async Task Open()
    {
        // Anonymous: no token. /docs redirects to /docs/, which the page's relative references need.
        using var response = await Client.GetAsync("/docs");
        _html = await response.Content.ReadAsStringAsync();
        _page = response.RequestMessage!.RequestUri!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), _html);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        });
    }

    [Test]
    public void Should_reference_no_other_host_in_the_page() =>
        Assert.That(AbsoluteUrl().Matches(_html).Select(m => m.Value), Is.Empty);

    [Test]
    public void Should_switch_off_web_fonts_and_telemetry() =>
        Assert.That(_html, Does.Contain("\"withDefaultFonts\":false").And.Contain("\"telemetry\":false"));

    [Test]
    public async Task Should_serve_every_script_it_references_itself()
    {
        var scripts = Reference().Matches(_html).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.That(scripts, Is.Not.Empty);

        foreach (var script in scripts)
        {
            var url = new Uri(_page, script);
            using var response = await Client.GetAsync(url);
            Assert.Multiple(() =>
            {
                Assert.That(url.Authority, Is.EqualTo(_page.Authority), script);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), script);
                Assert.That(response.Content.Headers.ContentType?.MediaType, Does.Contain("javascript"), script);
            });
        }
    }

    [Test]
    public async Task Should_load_the_document_from_this_service()
    {
        var loader = await Client.GetStringAsync(new Uri(_page, "scalar.aspnetcore.js"));

        Assert.Multiple(() =>
        {
            Assert.That(AbsoluteUrl().Matches(loader).Select(m => m.Value), Is.Empty, "the loader names no host");
            Assert.That(_html, Does.Contain("\"url\":\"openapi/v1.json\""), "a source relative to this service");
        });
    }

    /// <summary>An http(s) or protocol-relative URL with a dotted host; a pattern such as ^https?:\/\/ is not one.</summary>
    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""(?:src=|from\s+)["'](?<url>[^"']+)["']""")]
    private static partial Regex Reference();
}
