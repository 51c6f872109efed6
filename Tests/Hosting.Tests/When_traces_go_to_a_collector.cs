using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace AgentLightning.Hosting.Tests;

public class When_traces_go_to_a_collector
{
    [Test]
    public async Task Should_build_spans_and_export_logs_only_when_an_otlp_endpoint_is_set()
    {
        await using var without = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        });
        await using var with = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1",
        });

        Assert.Multiple(() =>
        {
            Assert.That(without.App.Services.GetService<LoggerProvider>(), Is.Null);
            Assert.That(without.App.Services.GetService<TracerProvider>(), Is.Null);
            Assert.That(with.App.Services.GetService<LoggerProvider>(), Is.Not.Null);
            Assert.That(with.App.Services.GetService<TracerProvider>(), Is.Not.Null);
        });
    }
}
