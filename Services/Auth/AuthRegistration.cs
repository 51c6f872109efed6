using AgentLightning.Auth.Application;
using AgentLightning.Auth.Consumers;
using AgentLightning.Auth.Endpoints;
using AgentLightning.Auth.Keys;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth;

/// <summary>The owner of users, API keys and the signing keys: the only service that can mint a token.</summary>
internal static class AuthRegistration
{
    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthServerOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<LoginLimits>();
        services.AddScoped<Sessions>();
        services.AddScoped<Logins>();
        services.AddScoped<UserCommands>();
        services.AddScoped<ApiKeyCommands>();
        services.AddScoped<AgentKeyCommands>();
        // Agents' unclaimed key secrets are encrypted with keys every Auth instance shares: the Auth key directory's.
        services.AddDataProtection().SetApplicationName("agent-lightning-auth");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AuthServerOptions>, ILoggerFactory>((protection, auth, logs) =>
            protection.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(auth.Value.KeyDirectory, "data-protection")), logs));
        services.AddHostedService<KeyMaintenanceService>();
        services.AddHostedService<FirstAdmin>();

        // Auth checks its own tokens against its key directory, not over HTTP to itself.
        services.AddSingleton<LocalKeyConfiguration>();
        services.AddOptions<JwtBearerOptions>(PlatformSchemes.Bearer).PostConfigure<LocalKeyConfiguration>((jwt, keys) => jwt.ConfigurationManager = keys);
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<AuthServerOptions>>((limiter, options) => LoginLimits.AddPerAddress(limiter, options.Value));

        // Publishes user events through the outbox; consumes the agent key commands (agent provisioning).
        var consumers = typeof(IssueAgentApiKeyConsumer);
        builder.AddMessaging(bus => bus.AddConsumers([.. consumers.Assembly.GetTypes().Where(t => t.Namespace == consumers.Namespace)]));

        // A body that is not the expected JSON then reaches the problem handler as a BadHttpRequestException.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication MapAuth(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapDiscoveryEndpoints();
        app.MapSessionEndpoints();
        app.MapUserEndpoints();
        app.MapApiKeyEndpoints();
        return app;
    }
}
