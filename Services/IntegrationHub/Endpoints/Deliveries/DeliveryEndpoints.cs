using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.IntegrationHub.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.IntegrationHub.Endpoints.Deliveries;

internal static class DeliveryEndpoints
{
    private const string Delivery = "webhook-delivery";

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/integrations/{id:guid}/deliveries").RequireAuthorization(Policies.Viewer).WithTags("Deliveries");
        reads.MapGet("", ListAsync).WithName("ListDeliveries").WithSummary("A webhook's deliveries with their attempts, newest first, optionally of one status.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        reads.MapGet("/{deliveryId:guid}", GetAsync).WithName("GetDelivery").WithSummary("One delivery with its attempts.")
            .ProducesProblems(StandardProblems.NotFound);
        return routes;
    }

    private static async Task<Ok<DeliveryListResponse>> ListAsync(
        Guid id, [AsParameters] PageRequest page, string? status, IntegrationRepository integrations, WebhookDeliveryQueries deliveries,
        CancellationToken cancellationToken)
    {
        _ = await integrations.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Integration.AggregateType, id.ToString());
        var found = await deliveries.PageAsync(id, status, page, cancellationToken);
        return TypedResults.Ok(new DeliveryListResponse(id, [.. found.Items.Select(DeliveryResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<DeliveryResponse>> GetAsync(Guid id, Guid deliveryId, WebhookDeliveryQueries deliveries, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetAsync(id, deliveryId, cancellationToken) ?? throw new EntityNotFoundException(Delivery, deliveryId.ToString());
        return TypedResults.Ok(DeliveryResponse.From(delivery));
    }
}
