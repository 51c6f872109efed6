using AgentLightning.Infrastructure.Outbound;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AgentLightning.IntegrationHub.Delivery;

internal static class DeliveryRegistration
{
    /// <summary>
    /// The webhook client: every connection through the outbound guard (each address checked at connect time, so
    /// DNS changes and redirects are covered), a timeout inside a circuit breaker per target host (an open circuit
    /// fails an attempt without a call). No retries here: a failed attempt is retried through the PostgreSQL scheduler.
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutboundGuard(configuration);
        services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WebhookDeadLetters>();
        services.AddSingleton<WebhookDeliveryQueries>();
        services.AddHttpClient<WebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddOutboundGuard()
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                });
                pipeline.AddTimeout(options.Timeout);
            })
            .SelectPipelineByAuthority();
        return services;
    }
}
