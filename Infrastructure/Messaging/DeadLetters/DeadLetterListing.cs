using System.Linq.Expressions;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

internal static class DeadLetterListing
{
    /// <summary>A letter as a row of a list, translated to SQL (no body or headers read); the saga inspection lists a saga's letters with it too.</summary>
    public static readonly Expression<Func<DeadLetter, DeadLetterSummary>> Summary = d => new DeadLetterSummary(
        d.Id, d.MessageId, d.MessageTypes, d.SourceService, d.SourceQueue, d.Reason, d.Status, d.ExceptionType,
        d.ExceptionMessage, d.AttemptCount, d.FailureCount, d.ReplayCount, d.FirstFailedAt, d.LastFailedAt);

    /// <summary>Newest failure first, keyset-paged on (last_failed_at, id) descending: a page costs the same deep in a long list.</summary>
    public static async Task<Page<DeadLetterSummary>> PageAsync(
        IDbContextFactory<AgentLightningDbContext> contexts, DeadLetterFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        _ = page.Size; // a bad limit or cursor is a 400 before any read
        var after = TimeCursor.After(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Set<DeadLetter>().AsNoTracking(), filter);
        if (after is var (at, id))
        {
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.LastFailedAt, d.Id), ValueTuple.Create(at, id)));
        }

        return await query
            .OrderByDescending(d => d.LastFailedAt).ThenByDescending(d => d.Id)
            .Select(Summary)
            .ToPageAsync(page, s => TimeCursor.Keys(s.LastFailedAt, s.Id), cancellationToken);
    }

    private static IQueryable<DeadLetter> Filter(IQueryable<DeadLetter> query, DeadLetterFilter filter)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (filter.Reason is { } reason)
        {
            query = query.Where(d => d.Reason == reason);
        }

        if (filter.SourceService is { } service)
        {
            query = query.Where(d => d.SourceService == service);
        }

        if (filter.SourceQueue is { } queue)
        {
            query = query.Where(d => d.SourceQueue == queue);
        }

        if (filter.MessageType is { } type)
        {
            query = query.Where(d => d.MessageTypes.Contains(type));
        }

        if (filter.FailedAfter is { } after)
        {
            query = query.Where(d => d.LastFailedAt >= after);
        }

        if (filter.FailedBefore is { } before)
        {
            query = query.Where(d => d.LastFailedAt < before);
        }

        return query;
    }
}
