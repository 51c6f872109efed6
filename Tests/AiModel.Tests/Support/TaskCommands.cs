using System.Collections.Concurrent;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>What a stand-in Workflow Engine was told about each task, and the model events it heard, in arrival order.</summary>
public sealed class TaskCommands
{
    private readonly ConcurrentQueue<object> _received = new();
    private readonly ConcurrentDictionary<Guid, bool> _messageIds = new();

    /// <summary>Once per MessageId: a retried attempt ran the consumer too, but only one delivery took effect.</summary>
    public void Record(Guid messageId, object message)
    {
        if (_messageIds.TryAdd(messageId, true))
        {
            _received.Enqueue(message);
        }
    }

    public IReadOnlyList<T> All<T>() => [.. _received.OfType<T>()];

    public IReadOnlyList<object> Of(Guid taskId) => [.. _received.Where(m => TaskIdOf(m) == taskId)];

    public T? Last<T>(Guid taskId) where T : class => Of(taskId).OfType<T>().LastOrDefault();

    /// <summary>The command that ended the task (CompleteTask or FailTask), or null while it runs.</summary>
    public object? OutcomeOf(Guid taskId) => Of(taskId).LastOrDefault(m => m is CompleteTask or FailTask);

    public IReadOnlyList<string> ModelEvents(string name) =>
        [.. _received.Where(m => m is ModelCreated c && c.Name == name || m is ModelUpdated u && u.Name == name || m is ModelDeleted d && d.Name == name)
            .Select(m => m.GetType().Name)];

    private static Guid? TaskIdOf(object message) => message switch
    {
        StartTask m => m.TaskId,
        ReportTaskProgress m => m.TaskId,
        CompleteTask m => m.TaskId,
        FailTask m => m.TaskId,
        _ => null,
    };
}
