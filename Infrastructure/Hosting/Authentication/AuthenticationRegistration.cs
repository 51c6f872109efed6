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
        builder.AddAuthMetadataClient();
        builder.Services.AddOptions<JwtBearerOptions>(PlatformSchemes.Bearer)
            .Configure<IOptions<AuthOptions>, TimeProvider, IHttpClientFactory>(ConfigureBearer);

        // Every endpoint needs a token unless it opts out with AllowAnonymous (health probes, login).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, policy => policy.RequireRole(PlatformRoles.Viewer, PlatformRoles.Operator, PlatformRoles.Admin))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(PlatformRoles.Operator, PlatformRoles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(PlatformRoles.Admin));

        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, IOptions<AuthOptions> options, TimeProvider clock, IHttpClientFactory http)
    {
        var auth = options.Value;

        // Keep "sub" and "role" as issued instead of the long WS-Federation claim URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new ValidatedTokens(clock) { MapInboundClaims = false });
        jwt.MetadataAddress = auth.ResolveThroughRegistry ? AuthMetadata.Address(auth) : auth.MetadataAddress();
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata();
        jwt.RefreshOnIssuerKeyNotFound = true;

        // Cached keys; a token with an unknown key id asks for a refresh, at most once per RefreshInterval. Fetched
        // from whichever Auth instance the registry offers (AuthMetadata): the JWKS address the document names is
        // that instance's own, so a document and its keys come from one instance.
        var documents = auth.ResolveThroughRegistry
            ? new HttpDocumentRetriever(http.CreateClient(AuthMetadata.ClientName)) { RequireHttps = auth.RequireHttpsMetadata() }
            : new HttpDocumentRetriever { RequireHttps = auth.RequireHttpsMetadata() };
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            jwt.MetadataAddress, new OpenIdConnectConfigurationRetriever(), documents)
        {
            RefreshInterval = auth.MetadataRefreshInterval,
            AutomaticRefreshInterval = auth.MetadataAutomaticRefreshInterval,

            // Else a token refused by the current keys is tried again against earlier key sets (for an hour by
            // default), so a key Auth stopped publishing, a compromised one, would still be trusted.
            UseLastKnownGoodConfiguration = false,
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
