using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Persistence.Contributions;

public static class ModelContributionRegistration
{
    /// <summary>Maps <paramref name="apply"/>'s entities in the platform's model of this process (before the first DbContext is made).</summary>
    public static IServiceCollection AddModelContribution(this IServiceCollection services, string key, Action<ModelBuilder> apply) =>
        services.AddSingleton(new ModelContribution(key, apply));

    /// <summary>Without contributions (every service) the options stay exactly as they were.</summary>
    internal static DbContextOptionsBuilder UseModelContributions(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        var contributions = services.GetServices<ModelContribution>().ToList();
        if (contributions.Count > 0)
        {
            ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new ModelContributionExtension(contributions));

            // The migrations never hold contributed entities; their tables are their contributor's business.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }

        return options;
    }
}
