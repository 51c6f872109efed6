using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

public static class PostgresSagaRepositoryRegistration
{
    /// <summary>
    /// Stores the saga in PostgreSQL, in the transaction of the message that moves it, and records each of its
    /// transitions: <c>x.AddSagaStateMachine&lt;M, S&gt;().PostgresRepository()</c>, or <c>.PostgresRepository(o => o.Pessimistic())</c>
    /// for a hot instance. The saga class needs a <see cref="SagaStateMap{TSaga}"/> in the model. See docs/sagas.md.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> saga, Action<PostgresSagaRepositoryOptions>? configure = null)
        where TSaga : SagaState
    {
        var options = new PostgresSagaRepositoryOptions();
        configure?.Invoke(options);
        return saga.Repository(repository =>
        {
            repository.TryAddSingleton(new SagaTable<TSaga>(options));
            repository.TryAddSingleton(TimeProvider.System);
            repository.TryAddSingleton<SagaInstanceName>();
            repository.TryAddEnumerable(ServiceDescriptor.Singleton<IStateObserver<TSaga>, SagaTransitionRecorder<TSaga>>());
            repository.RegisterLoadSagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TSaga>>();
            repository.RegisterQuerySagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TSaga>>();
            repository.RegisterSagaRepository<TSaga, AgentLightningDbContext, PostgresSagaConsumeContextFactory<TSaga>,
                PostgresSagaRepositoryContextFactory<TSaga>>();

            repository.AddSingleton(sp => new SagaPurgeTarget(typeof(TSaga).Name, db => sp.GetRequiredService<SagaTable<TSaga>>().Name(db)));
        });
    }

    /// <summary>The purge of finished sagas, for the saga types registered with <see cref="PostgresRepository{TSaga}"/> (none: it idles).</summary>
    internal static IServiceCollection AddSagaPurge(this IServiceCollection services)
    {
        services.AddOptions<SagaRetentionOptions>().BindConfiguration(SagaRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<SagaPurgeService>();
        return services;
    }
}
