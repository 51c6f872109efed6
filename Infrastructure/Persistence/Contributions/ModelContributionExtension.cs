using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.Infrastructure.Persistence.Contributions;

/// <summary>
/// Carries the contributions on the DbContext options: EF's model customizer applies them after the context's own
/// configuration, and the model cache keeps one model per set of contributions.
/// </summary>
internal sealed class ModelContributionExtension(IReadOnlyList<ModelContribution> contributions) : IDbContextOptionsExtension
{
    public IReadOnlyList<ModelContribution> Contributions { get; } = contributions;

    public string Key { get; } = string.Join(",", contributions.Select(c => c.Key).Order(StringComparer.Ordinal));

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IModelCustomizer, ContributingModelCustomizer>());
        services.Replace(ServiceDescriptor.Singleton<IModelCacheKeyFactory, ContributingModelCacheKeyFactory>());
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(ModelContributionExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private ModelContributionExtension Contributed => (ModelContributionExtension)Extension;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"ModelContributions={Contributed.Key} ";

        public override int GetServiceProviderHashCode() => StringComparer.Ordinal.GetHashCode(Contributed.Key);

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Contributed.Key == Contributed.Key;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["ModelContributions"] = Contributed.Key;
    }

    private sealed class ContributingModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            foreach (var contribution in ContributionsOf(context))
            {
                contribution.Apply(modelBuilder);
            }
        }
    }

    private sealed class ContributingModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), designTime, string.Join(",", ContributionsOf(context).Select(c => c.Key)));
    }

    private static IReadOnlyList<ModelContribution> ContributionsOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<ModelContributionExtension>()?.Contributions ?? [];
}
