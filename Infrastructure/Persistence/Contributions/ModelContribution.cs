using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Contributions;

/// <summary>
/// An entity map from outside Infrastructure (a test's own saga state) that joins the one model. Production entities
/// are configured in this assembly and found by ApplyConfigurationsFromAssembly; migrations know only those.
/// </summary>
public sealed record ModelContribution(string Key, Action<ModelBuilder> Apply);
