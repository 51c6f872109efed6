using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

internal static class AuthenticationRegistration
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // One policy scheme picks per request: an API key header goes to the API key scheme, anything else to JWT.
        builder.Services.AddAuthentication(PlatformSchemes.Platform)
            .AddPolicyScheme(PlatformSchemes.Platform, "Bearer token or API key", policy => policy.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.IsPresent(context.Request) ? PlatformSchemes.ApiKey : PlatformSchemes.Bearer)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(PlatformSchemes.ApiKey, null);
        builder.Services.AddOptions<JwtBearerOptions>(PlatformSchemes.Bearer).Configure<IOptions<AuthOptions>, TimeProvider>(ConfigureBearer);

        // Every endpoint needs a token unless it opts out with AllowAnonymous (health probes, login).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, policy => policy.RequireRole(PlatformRoles.Viewer, PlatformRoles.Operator, PlatformRoles.Admin))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(PlatformRoles.Operator, PlatformRoles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(PlatformRoles.Admin));

        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, IOptions<AuthOptions> options, TimeProvider clock)
    {
        var auth = options.Value;

        // Keep "sub" and "role" as issued instead of the long WS-Federation claim URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new ValidatedTokens(clock) { MapInboundClaims = false });
        jwt.MetadataAddress = auth.MetadataAddress();
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata();
        jwt.RefreshOnIssuerKeyNotFound = true;

        // Cached keys; a token with an unknown key id asks for a refresh, at most once per RefreshInterval.
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            auth.MetadataAddress(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = auth.RequireHttpsMetadata() })
        {
            RefreshInterval = auth.MetadataRefreshInterval,
            AutomaticRefreshInterval = auth.MetadataAutomaticRefreshInterval,
        };
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
            ClockSkew = ClockSkew,
        };
    }
}
