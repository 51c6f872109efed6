using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Hosting;

/// <summary>
/// No request body of the platform's APIs comes near a megabyte; Kestrel's default of 30 MB would let one client
/// make a service buffer and parse 30 MB per request. Larger bodies are refused with 413 (a ProblemDetails, as every
/// BadHttpRequestException is). <c>Service:MaxRequestBodyBytes</c> changes the limit.
/// </summary>
internal static class RequestLimits
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetValue($"{ServiceOptions.SectionName}:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = limit);
        return builder;
    }
}
