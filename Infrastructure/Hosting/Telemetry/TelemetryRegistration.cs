using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentLightning.Infrastructure.Hosting.Telemetry;

internal static class TelemetryRegistration
{
    /// <summary>MassTransit's ActivitySource and Meter both carry this name.</summary>
    public const string MassTransitSource = "MassTransit";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>From half a millisecond (a cache read) to ten seconds (a slow saga step).</summary>
    private static readonly double[] SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.TryAddSingleton<PlatformMetrics>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformMetrics.MeterName, MassTransitSource)
                .AddView(SecondsHistograms)
                .AddPrometheusExporter());

        // Exporting to a collector is opt-in. Without one, spans and log records would only be built to be dropped,
        // and building them is not free: a span per SQL command and per message send and receive cost the outbox
        // benchmark a measurable share of its CPU.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = IsApplicationTraffic)
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(MassTransitSource))
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = true;
                })
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>The SDK's default buckets (0 to 10,000) are made for milliseconds; ours measure seconds.</summary>
    private static ExplicitBucketHistogramConfiguration? SecondsHistograms(Instrument instrument) =>
        instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Unit == "s" && instrument is Histogram<double>
            ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
            : null;

    /// <summary>Probes and scrapes arrive every few seconds; tracing them would bury the requests that matter.</summary>
    private static bool IsApplicationTraffic(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(DefaultEndpoints.HealthPath)
        && !context.Request.Path.StartsWithSegments(DefaultEndpoints.MetricsPath);
}
