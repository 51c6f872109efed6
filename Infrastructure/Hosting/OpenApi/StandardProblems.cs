using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLightning.Infrastructure.Hosting.OpenApi;

/// <summary>The problem answers an endpoint declares; 401 and 403 follow from its authorization (<see cref="SecurityTransformer"/>).</summary>
[Flags]
public enum StandardProblems
{
    None = 0,

    /// <summary>400 ValidationProblemDetails: a body or query that does not bind or validate.</summary>
    BadRequest = 1,

    /// <summary>404: an id in the path that does not exist.</summary>
    NotFound = 2,

    /// <summary>409: a write that conflicts with the current state (id taken, stale If-Match).</summary>
    Conflict = 4,
}

public static class StandardProblemsExtensions
{
    /// <summary>Declares the problem responses, each application/problem+json, so the document shows them.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, StandardProblems problems = StandardProblems.None)
    {
        if (problems.HasFlag(StandardProblems.BadRequest))
        {
            builder.ProducesValidationProblem();
        }

        if (problems.HasFlag(StandardProblems.NotFound))
        {
            builder.ProducesProblem(StatusCodes.Status404NotFound);
        }

        if (problems.HasFlag(StandardProblems.Conflict))
        {
            builder.ProducesProblem(StatusCodes.Status409Conflict);
        }

        return builder;
    }
}
