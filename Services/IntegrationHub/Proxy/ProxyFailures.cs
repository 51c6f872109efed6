using AgentLightning.Infrastructure.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>What a failed upstream call becomes for the caller: the guard's refusal 403, a timeout 504, anything else 502.</summary>
internal static class ProxyFailures
{
    public static IResult? For(Exception exception, CancellationToken requestAborted)
    {
        if (OutboundRequestRefusedException.Find(exception) is { } refused)
        {
            return TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status403Forbidden, title: "Target refused");
        }

        return exception switch
        {
            TimeoutRejectedException => Gateway(StatusCodes.Status504GatewayTimeout, "The external API did not answer in time."),
            OperationCanceledException when !requestAborted.IsCancellationRequested => Gateway(StatusCodes.Status504GatewayTimeout, "The external API did not answer in time."),
            BrokenCircuitException => Gateway(StatusCodes.Status502BadGateway, "The external API failed repeatedly; calls are paused for a moment."),
            HttpRequestException e => Gateway(StatusCodes.Status502BadGateway, $"The external API could not be reached: {e.Message}"),
            _ => null,
        };
    }

    public static IResult UpstreamStatus(int status) =>
        Gateway(StatusCodes.Status502BadGateway, $"The external API answered {status}.");

    private static ProblemHttpResult Gateway(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: status == StatusCodes.Status504GatewayTimeout ? "Gateway timeout" : "Bad gateway");
}
