using AgentLightning.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Testing;

/// <summary>
/// A service of the platform in the test's process, built as its Program builds it: Kestrel at a free loopback port,
/// the production environment, the service defaults, then the service's own registrations and endpoints.
/// </summary>
public static class TestWebService
{
    /// <summary>
    /// Before the service's registrations, with the test's <paramref name="settings"/> as they are (a spec of the
    /// configuration itself) under <paramref name="applicationName"/> (null: the test host's name).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?> settings, string? applicationName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = applicationName, EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    /// <summary>
    /// The same with the common settings added to the test's own (messaging, fixture): the real servers, tokens of
    /// <see cref="TestTokenAuthority"/>, and bad requests answered as the services answer them.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(Dictionary<string, string?> settings, string postgres, string serviceName, string cacheSchema)
    {
        settings["ConnectionStrings:Postgres"] = postgres;
        settings["ConnectionStrings:Redis"] = TestServers.Redis;
        settings["Auth:Authority"] = TestTokenAuthority.Shared.Authority;
        settings["Cache:SchemaVersion"] = cacheSchema;
        settings["Service:Name"] = serviceName;
        var builder = CreateBuilder(settings);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>The service defaults, then <paramref name="add"/>; built, the default endpoints, then <paramref name="map"/>.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        builder.AddServiceDefaults();
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        return app;
    }
}
