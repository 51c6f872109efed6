namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>The step timeout the saga schedules for itself (the PostgreSQL scheduler); never leaves the coordinator.</summary>
public sealed record AgentProvisioningStepTimedOut(Guid ProvisioningId);
