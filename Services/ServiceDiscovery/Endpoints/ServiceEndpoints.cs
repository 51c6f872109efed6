using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.ServiceDiscovery.Application;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.ServiceDiscovery.Endpoints;

internal static class ServiceEndpoints
{
    public const string ServiceType = "service";

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/services").RequireAuthorization(Policies.Viewer).WithTags("Services");
        reads.MapGet("", ListAsync).WithName("ListServices").WithSummary("A page of services by name, each with its status and live instances.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{name}", GetAsync).WithName("GetService").WithSummary("One service with its status and live instances.")
            .ProducesProblems(StandardProblems.NotFound);
        return routes;
    }

    private static async Task<Ok<ServiceListResponse>> ListAsync([AsParameters] PageRequest page, ServiceDirectory directory, CancellationToken cancellationToken)
    {
        var found = await directory.PageAsync(page, cancellationToken);
        return TypedResults.Ok(new ServiceListResponse([.. found.Items.Select(ServiceResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<ServiceResponse>> GetAsync(string name, ServiceDirectory directory, CancellationToken cancellationToken)
    {
        var service = await directory.GetAsync(name, cancellationToken) ?? throw new EntityNotFoundException(ServiceType, name);
        return TypedResults.Ok(ServiceResponse.From(service));
    }
}
