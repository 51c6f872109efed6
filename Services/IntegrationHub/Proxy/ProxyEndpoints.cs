using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;

namespace AgentLightning.IntegrationHub.Proxy;

internal static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapIntegrationProxy(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/integrations/{id:guid}/proxy/{**path}", ProxyAsync).RequireAuthorization(Policies.Viewer).WithTags("Integrations")
            .WithName("ProxyIntegration")
            .WithSummary("GET through an http integration: its base URL + path + query, with its auth header; 200 answers cached for its TTL.")
            // The upstream's own answer, whatever its media type.
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        return routes;
    }

    private static Task<IResult> ProxyAsync(Guid id, string? path, HttpContext http, IntegrationProxy proxy, CancellationToken cancellationToken) =>
        proxy.GetAsync(id, path, http.Request.QueryString, http.Response, cancellationToken);
}
