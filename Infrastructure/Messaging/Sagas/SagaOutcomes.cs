using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// How a finished saga of one type ended: every saga ends in Final, and its machine writes the end (completed,
/// compensated, ...) to a property of its own. The inspection shows, filters and counts finished sagas by it.
/// </summary>
public sealed class SagaOutcomes<TSaga>(Expression<Func<TSaga, string?>> property, IReadOnlyList<string> values) : ISagaOutcomes
    where TSaga : SagaState
{
    private readonly Func<TSaga, string?> _read = property.Compile();

    public Type SagaType => typeof(TSaga);

    public string Property { get; } = property.Body is MemberExpression { Member: PropertyInfo p }
        ? p.Name
        : throw new ArgumentException($"The outcome of {typeof(TSaga).Name} must be one of its properties, e.g. s => s.Outcome.", nameof(property));

    public IReadOnlyList<string> Values { get; } = values.Count > 0 ? values : throw new ArgumentException("A machine with outcomes has at least one.", nameof(values));

    public string? Of(SagaState saga) => _read((TSaga)saga);
}

/// <summary>The saga-type-free face of <see cref="SagaOutcomes{TSaga}"/>, for code that walks every saga type.</summary>
public interface ISagaOutcomes
{
    Type SagaType { get; }

    /// <summary>The saga class's property (one of its columns) that holds the outcome.</summary>
    string Property { get; }

    /// <summary>Every outcome the machine gives a saga, from the machine's own constants.</summary>
    IReadOnlyList<string> Values { get; }

    /// <summary>The property's value: null while the machine has not decided.</summary>
    string? Of(SagaState saga);
}

public static class SagaOutcomesRegistration
{
    /// <summary>
    /// Declares where a machine writes how its sagas ended and what it writes there:
    /// <c>services.AddSagaOutcomes&lt;WorkflowRunState&gt;(s => s.Outcome, RunProgress.Outcomes)</c>.
    /// </summary>
    public static IServiceCollection AddSagaOutcomes<TSaga>(
        this IServiceCollection services, Expression<Func<TSaga, string?>> property, IReadOnlyList<string> values)
        where TSaga : SagaState
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaOutcomes>(new SagaOutcomes<TSaga>(property, values)));
        return services;
    }
}
