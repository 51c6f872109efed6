using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Testing;

/// <summary>
/// A service of the platform in the test's process, before its registrations: Kestrel at a free loopback port, the
/// real servers, tokens of <see cref="TestTokenAuthority"/>, and bad requests answered as the services answer them.
/// </summary>
public static class TestWebService
{
    /// <summary>The test's own <paramref name="settings"/> (messaging, fixture) with the common ones added to them.</summary>
    public static WebApplicationBuilder CreateBuilder(Dictionary<string, string?> settings, string postgres, string serviceName, string cacheSchema)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        settings["ConnectionStrings:Postgres"] = postgres;
        settings["ConnectionStrings:Redis"] = TestServers.Redis;
        settings["Auth:Authority"] = TestTokenAuthority.Shared.Authority;
        settings["Cache:SchemaVersion"] = cacheSchema;
        settings["Service:Name"] = serviceName;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
