using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Hosting.Problems;

/// <summary>
/// Maps the platform's exceptions to HTTP statuses: the caller's mistakes to 4xx, PostgreSQL out of reach or a store
/// too slow for now to 503 with Retry-After (as the readiness probe reports it; the same whether the request came with
/// a token or an API key, whose check reads the database), anything unknown to a 500 that reveals nothing.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private const int ClientClosedRequest = 499;
    private const string UnexpectedTitle = "An unexpected error occurred.";
    private const string UnavailableTitle = "A store this service needs is unavailable; try again later.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        var status = StatusFor(exception);
        var problem = new ProblemDetails { Status = status };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            problem.Title = UnavailableTitle;
            httpContext.Response.Headers.RetryAfter = Overload.RetryAfterSeconds;
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem.Title = UnexpectedTitle;
        }
        else
        {
            LogRejected(httpContext.Request.Method, httpContext.Request.Path, status, exception.GetType().Name, exception.Message);
            problem.Detail = exception.Message;
        }

        httpContext.Response.StatusCode = status;
        await ProblemWriter.WriteAsync(httpContext, problem);
        return true;
    }

    internal static int StatusFor(Exception exception) => exception switch
    {
        EntityNotFoundException => StatusCodes.Status404NotFound,
        DataConflictException => StatusCodes.Status409Conflict,
        BadHttpRequestException badRequest => badRequest.StatusCode,
        AggregateException { InnerExceptions: [var only] } => StatusFor(only),
        _ when PostgresErrors.IsOutage(exception) || Overload.IsTransient(exception) => StatusCodes.Status503ServiceUnavailable,
        JsonException or FormatException or ArgumentException or ValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503, a store it needs is out of reach: {ExceptionType}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: {ExceptionType}: {Reason}")]
    private partial void LogRejected(string method, string path, int status, string exceptionType, string reason);
}
