using System.Linq.Expressions;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

internal static class DeadLetterListing
{
    /// <summary>A letter as a row of a list, translated to SQL (no body or headers read); the saga inspection lists a saga's letters with it too.</summary>
    public static readonly Expression<Func<DeadLetter, DeadLetterSummary>> Summary = d => new DeadLetterSummary(
        d.Id, d.MessageId, d.MessageTypes, d.SourceService, d.SourceQueue, d.Reason, d.Status, d.ExceptionType,
        d.ExceptionMessage, d.AttemptCount, d.FailureCount, d.ReplayCount, d.FirstFailedAt, d.LastFailedAt);

    public static async Task<DeadLetterPage> ListAsync(
        IDbContextFactory<AgentLightningDbContext> contexts, DeadLetterFilter filter, DeadLetterPageRequest page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page.Number, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(page.Size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page.Size, DeadLetterPageRequest.MaxSize);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Set<DeadLetter>().AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(d => d.LastFailedAt).ThenBy(d => d.Id)
            .Skip((page.Number - 1) * page.Size).Take(page.Size)
            .Select(Summary)
            .ToListAsync(cancellationToken);
        return new DeadLetterPage(items, total, page.Number, page.Size);
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
