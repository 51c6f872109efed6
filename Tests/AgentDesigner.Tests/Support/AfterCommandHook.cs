using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>
/// Lets a spec act, as another writer would, right after one chosen query of the service ran: a race at a point
/// of the spec's choosing, not of the scheduler's. Joins the service's DbContext as every IInterceptor in DI does.
/// </summary>
public sealed class AfterCommandHook : DbCommandInterceptor
{
    private Armed? _armed;

    /// <summary>Runs <paramref name="action"/> once, after the first query of <paramref name="context"/> whose text contains <paramref name="text"/>.</summary>
    public void Arm(DbContext context, string text, Action action) => _armed = new Armed(context, text, action);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Fire(eventData.Context, command.CommandText);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context, command.CommandText);
        return ValueTask.FromResult(result);
    }

    private void Fire(DbContext? context, string text)
    {
        if (_armed is { } armed && armed.Context == context && text.Contains(armed.Text, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            armed.Action();
        }
    }

    private sealed record Armed(DbContext Context, string Text, Action Action);
}
