using AgentLightning.Infrastructure.Outbound;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AgentLightning.IntegrationHub.Proxy;

internal static class ProxyRegistration
{
    /// <summary>
    /// The external API client: every connection through the outbound guard, the standard resilience pipeline
    /// per upstream authority (one failing API does not open the breaker for the others), never retrying a
    /// refusal, and no redirects: a redirect would carry the integration's auth header to another host.
    /// </summary>
    public static IHostApplicationBuilder AddIntegrationProxy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        services.AddOutboundGuard(builder.Configuration);
        services.AddSingleton<ProxyCache>();
        services.AddScoped<IntegrationProxy>();
        services.AddHttpClient<ExternalApiClient>()
            .ConfigureHttpClient((sp, client) => client.MaxResponseContentBufferSize = sp.GetRequiredService<IOptions<ProxyOptions>>().Value.MaxResponseBytes)
            .AddOutboundGuard()
            .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).AllowAutoRedirect = false)
            .AddStandardResilienceHandler()
            .Configure(options =>
            {
                builder.Configuration.GetSection(ProxyOptions.ResilienceSection).Bind(options);
                options.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
                options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
            })
            .SelectPipelineByAuthority();
        return builder;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        OutboundRequestRefusedException.Find(outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(outcome);
}
