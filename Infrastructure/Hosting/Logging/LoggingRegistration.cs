using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Hosting.Logging;

internal static class LoggingRegistration
{
    /// <summary>One JSON object per line on stdout; levels come from the Logging section as usual.</summary>
    public static IHostApplicationBuilder AddStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            options.IncludeScopes = true;
        });

        // Npgsql and EF Core log every command at Information: with outbox polling that is a flood, not a log.
        // A Logging:LogLevel entry in configuration still overrides these defaults.
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        // Trace and span ids land in the scopes, so a log line can be joined to its trace.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return builder;
    }
}
