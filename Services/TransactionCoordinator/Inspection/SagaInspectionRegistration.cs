namespace AgentLightning.TransactionCoordinator.Inspection;

internal static class SagaInspectionRegistration
{
    /// <summary>The inspection of every saga type this service registered with <c>.PostgresRepository()</c> (docs/sagas.md, "Inspection").</summary>
    public static IServiceCollection AddSagaInspection(this IServiceCollection services)
    {
        services.AddSingleton<SagaRegistry>();
        services.AddScoped<SagaDetailReader>();
        services.AddScoped<SagaOperatorActions>();
        return services;
    }
}
