using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Hosting.Problems;

internal static class ProblemWriter
{
    private const string ContentType = "application/problem+json";

    /// <summary>
    /// Writes through <see cref="IProblemDetailsService"/>; when its writer declines (an Accept header without JSON)
    /// the problem is still written as JSON, because every error of the platform is a problem document.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        problem.Status ??= context.Response.StatusCode;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var written = await service.TryWriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = problem,
        });

        if (!written)
        {
            problem.Title ??= ReasonPhrases.GetReasonPhrase(context.Response.StatusCode);
            problem.Instance ??= context.Request.Path;
            problem.Extensions[ProblemRegistration.TraceIdKey] = ProblemRegistration.TraceId(context);
            await context.Response.WriteAsJsonAsync(problem, options: null, ContentType, context.RequestAborted);
        }
    }
}
