using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace AgentLightning.Infrastructure.Hosting.OpenApi;

/// <summary>The OpenAPI document of the service's endpoints and the interactive reference over it; both anonymous.</summary>
internal static class ApiDocumentRegistration
{
    private const string DocumentTitle = "Agent Lightning API";

    public static IHostApplicationBuilder AddApiDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            var security = new SecurityTransformer();
            options.AddDocumentTransformer(security);
            options.AddOperationTransformer(security);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocuments(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DefaultEndpoints.OpenApiPath).AllowAnonymous();

        // Everything the page loads comes from this service (Scalar serves its bundle from the package): no CDN,
        // no web fonts, no telemetry, no hosted agent or MCP features that call scalar.com.
        routes.MapScalarApiReference(DefaultEndpoints.DocsPath, options => options
                .WithTitle(DocumentTitle)
                .WithOpenApiRoutePattern(DefaultEndpoints.OpenApiPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous();
        return routes;
    }
}
