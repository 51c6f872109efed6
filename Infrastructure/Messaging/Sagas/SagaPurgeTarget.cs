using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>A saga type the purge walks: its name in saga_transitions and its table.</summary>
internal sealed record SagaPurgeTarget(string SagaType, Func<DbContext, string> Table);
