namespace AgentLightning.Infrastructure.Hosting;

/// <summary>Paths every service serves; probes, scrapers and system tests use the same constants.</summary>
public static class DefaultEndpoints
{
    public const string HealthPath = "/health";

    /// <summary>Answers 200 while the process serves; runs no checks, so a slow dependency never restarts it.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Runs every check tagged <see cref="HealthChecks.HealthTags.Ready"/>; 503 while one is unhealthy.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Prometheus text format; needs a token that satisfies the viewer policy.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The OpenAPI document (anonymous); {documentName} is v1.</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    /// <summary>The interactive API reference (Scalar) over the OpenAPI document, served with its assets by the service (anonymous).</summary>
    public const string DocsPath = "/docs";
}
