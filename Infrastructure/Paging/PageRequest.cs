using Microsoft.AspNetCore.Mvc;

namespace AgentLightning.Infrastructure.Paging;

/// <summary>
/// The paging query every list takes (<c>?limit=&amp;after=</c>), bound with <c>[AsParameters]</c>. Lists are
/// keyset-paged: <see cref="After"/> is the opaque cursor of the last item of the previous page, so a page
/// costs the same at the end of a long list as at its start, and a row inserted meanwhile neither repeats nor
/// hides another.
/// </summary>
public sealed class PageRequest
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    /// <summary>How many items a page holds at most: 1 to 1000, 100 when absent.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>next</c> cursor of the previous page; absent for the first page.</summary>
    [FromQuery(Name = "after")]
    public string? After { get; init; }

    /// <summary>The validated page size; <see cref="ArgumentException"/> (400) outside 1 to 1000.</summary>
    public int Size => Limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => Limit.Value,
        _ => throw new ArgumentException($"limit must be between 1 and {MaxLimit}; it was {Limit}.", "limit"),
    };

    /// <summary>The key values the cursor carries, or null on the first page; <see cref="FormatException"/> (400) for a cursor no list gave.</summary>
    public IReadOnlyList<string>? AfterKeys => string.IsNullOrEmpty(After) ? null : PageCursor.Decode(After);

    /// <summary>
    /// The one key of a list sorted by a single column, or null on the first page; <see cref="FormatException"/> (400)
    /// for a cursor with more keys (another list's), which would otherwise be read as a first page, again and again.
    /// </summary>
    public string? AfterKey => AfterKeys switch
    {
        null => null,
        [var key] => key,
        _ => throw PageCursor.NotOurs(),
    };

    /// <summary>The one key of a list sorted by a Guid id, or null on the first page; <see cref="FormatException"/> (400) for another list's cursor.</summary>
    public Guid? AfterId => AfterKey switch
    {
        null => null,
        var key => Guid.TryParse(key, out var id) ? id : throw PageCursor.NotOurs(),
    };

    public static PageRequest First(int limit = DefaultLimit) => new() { Limit = limit };
}
