using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Paging;

/// <summary>One page of a list and the cursor of the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    public Page<TResult> Select<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], Next);
}

public static class PageQueries
{
    /// <summary>
    /// Reads one page of a query that is already filtered past the request's cursor and ordered by a unique
    /// key; one row more than the page tells whether a next page exists without a count.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(
        this IQueryable<T> orderedAfterCursor, PageRequest request, Func<T, IReadOnlyList<string>> cursorKeysOf,
        CancellationToken cancellationToken = default)
    {
        var size = request.Size;
        var rows = await orderedAfterCursor.Take(size + 1).ToListAsync(cancellationToken);
        return ToPage(rows, size, cursorKeysOf);
    }

    /// <summary>The same for rows read some other way (raw SQL, the cache): <paramref name="rows"/> holds up to size + 1 items.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int size, Func<T, IReadOnlyList<string>> cursorKeysOf)
    {
        if (rows.Count <= size)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.Take(size).ToList();
        return new Page<T>(items, PageCursor.Encode(cursorKeysOf(items[^1])));
    }
}
