using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLightning.Infrastructure.Hosting.HealthChecks;

/// <summary>Writes every check with its status, duration and error, so an operator sees which dependency failed.</summary>
internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthResponse(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.Select(entry => new CheckResponse(
                entry.Key,
                entry.Value.Status.ToString(),
                entry.Value.Duration.TotalMilliseconds,
                entry.Value.Description,
                entry.Value.Exception?.Message))]);

        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }

    private sealed record HealthResponse(string Status, double TotalDurationMs, IReadOnlyList<CheckResponse> Checks);

    private sealed record CheckResponse(string Name, string Status, double DurationMs, string? Description, string? Error);
}
