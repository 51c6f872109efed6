using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    /// <summary>PostgreSQL data source, the EF Core model, start-up migrations and the cached repositories.</summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
