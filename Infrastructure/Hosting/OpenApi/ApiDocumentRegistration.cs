using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace AgentLightning.Infrastructure.Hosting.OpenApi;

/// <summary>The OpenAPI document of the service's endpoints and the interactive reference over it; both anonymous.</summary>
internal static class ApiDocumentRegistration
{
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

        // Everything the page loads comes from this service: no CDN, no web fonts, no telemetry, no proxy.
        routes.MapScalarApiReference(DefaultEndpoints.DocsPath, options => options
                .WithOpenApiRoutePattern(DefaultEndpoints.OpenApiPath)
                .DisableDefaultFonts()
                .DisableTelemetry())
            .AllowAnonymous();
        return routes;
    }
}
