using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// How an operator stops a running saga of one type: the machine's own cancel command (it compensates what the
/// saga did), built from the stored instance. The inspection endpoints send it through the outbox to the command's
/// owner; a machine without one cannot be cancelled from outside.
/// </summary>
public sealed class SagaCancellation<TSaga>(Func<TSaga, string, object> command) : ISagaCancellation
    where TSaga : SagaState
{
    public Type SagaType => typeof(TSaga);

    public object CommandFor(SagaState saga, string reason) => command((TSaga)saga, reason);
}

/// <summary>The saga-type-free face of <see cref="SagaCancellation{TSaga}"/>, for code that walks every saga type.</summary>
public interface ISagaCancellation
{
    Type SagaType { get; }

    /// <summary>The command to send (its runtime type is the contract) for <paramref name="saga"/>.</summary>
    object CommandFor(SagaState saga, string reason);
}

public static class SagaCancellationRegistration
{
    /// <summary>
    /// Declares the command that cancels a saga of this type:
    /// <c>services.AddSagaCancellation&lt;WorkflowRunState&gt;((run, reason) => new CancelWorkflow { RunId = run.CorrelationId, ... })</c>.
    /// </summary>
    public static IServiceCollection AddSagaCancellation<TSaga>(this IServiceCollection services, Func<TSaga, string, object> command)
        where TSaga : SagaState
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaCancellation>(new SagaCancellation<TSaga>(command)));
        return services;
    }
}
