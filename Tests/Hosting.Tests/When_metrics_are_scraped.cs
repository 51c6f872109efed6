using System.Net;
using System.Text.RegularExpressions;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Hosting.Tests;

public class When_metrics_are_scraped
{
    /// <summary>The names dashboards and alerts are written against; the exporter adds unit and _total suffixes.</summary>
    private static readonly string[] ExportedSeries =
    [
        "service_data_latency_seconds_bucket",
        "service_data_latency_seconds_sum",
        "service_data_latency_seconds_count",
        "transaction_duration_seconds_bucket",
        "transaction_duration_seconds_sum",
        "transaction_duration_seconds_count",
        "events_published_total",
        "events_failed_total",
        "database_connections_active",
        "cache_hit_ratio",
    ];

    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_require_a_token()
    {
        var response = await _service.GetAsync("/metrics");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Should_expose_the_platform_metrics_under_their_prometheus_names()
    {
        var metrics = _service.App.Services.GetRequiredService<PlatformMetrics>();
        metrics.RecordDataLatency("agent", "get", "cache", TimeSpan.FromMilliseconds(12));
        metrics.RecordTransaction(TimeSpan.FromMilliseconds(40));
        metrics.EventPublished("AgentCreated");
        metrics.EventFailed("AgentCreated");
        metrics.ConnectionOpened();
        metrics.CacheHit();
        metrics.CacheMiss();

        var scrape = "";
        await Eventually.Until(async () =>
        {
            var response = await _service.GetAsync("/metrics", PlatformRoles.Viewer);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            scrape = await response.Content.ReadAsStringAsync();
            return ExportedSeries.All(name => HasSeries(scrape, name));
        }, "every platform metric is in the scrape", TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(scrape, Does.Not.Contain("_seconds_seconds").And.Not.Contain("_total_total"));
            Assert.That(scrape, Does.Contain("message_type=\"AgentCreated\""));
            Assert.That(scrape, Does.Match("service_data_latency_seconds_bucket\\{[^}]*le=\"0.025\"\\} 1"), "seconds, not millisecond, buckets");
            Assert.That(Value(scrape, "cache_hit_ratio"), Is.EqualTo(0.5));
            Assert.That(Value(scrape, "database_connections_active"), Is.EqualTo(1));
        });
    }

    private static bool HasSeries(string scrape, string name) =>
        Regex.IsMatch(scrape, $"^{name}[{{ ]", RegexOptions.Multiline);

    private static double Value(string scrape, string name)
    {
        var match = Regex.Match(scrape, $@"^{name}(\{{[^}}]*\}})? (?<value>\S+)", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, name);
        return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
