using Microsoft.Extensions.Http.Resilience;

namespace AgentLightning.AiModel.Providers;

internal static class ProviderRegistration
{
    public const string ResilienceSection = OpenAiOptions.Section + ":Resilience";

    /// <summary>
    /// The local provider and the OpenAI-compatible one. The latter's HTTP client has the standard resilience
    /// pipeline (total timeout, retries with exponential backoff and jitter on 5xx/408/429/network errors, a
    /// circuit breaker, a per-attempt timeout), tunable under AiModel:OpenAi:Resilience.
    /// </summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LocalProviderOptions>().BindConfiguration(LocalProviderOptions.Section);
        services.AddOptions<OpenAiOptions>().BindConfiguration(OpenAiOptions.Section);
        services.AddSingleton<ICompletionProvider, LocalProvider>();
        services.AddHttpClient<OpenAiProvider>()
            .AddStandardResilienceHandler()
            .Configure(options => builder.Configuration.GetSection(ResilienceSection).Bind(options));
        services.AddTransient<ICompletionProvider>(sp => sp.GetRequiredService<OpenAiProvider>());
        services.AddSingleton<ProviderCatalog>();
        return builder;
    }
}
