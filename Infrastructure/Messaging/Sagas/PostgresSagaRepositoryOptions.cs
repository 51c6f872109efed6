namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>Per saga type, given at registration: <c>.PostgresRepository(o => o.Pessimistic())</c>.</summary>
public sealed class PostgresSagaRepositoryOptions
{
    public SagaConcurrencyMode Concurrency { get; set; } = SagaConcurrencyMode.Optimistic;

    public PostgresSagaRepositoryOptions Pessimistic()
    {
        Concurrency = SagaConcurrencyMode.Pessimistic;
        return this;
    }
}
