using System.Globalization;

namespace AgentLightning.Infrastructure.Paging;

/// <summary>The keys of lists ordered by a time and an id: the time in UTC ticks (exact, unlike text) and the id.</summary>
public static class TimeCursor
{
    public static IReadOnlyList<string> Keys(DateTimeOffset at, Guid id) =>
        [at.UtcTicks.ToString(CultureInfo.InvariantCulture), id.ToString()];

    /// <summary>The time and id a cursor carries; <see cref="FormatException"/> (400) for a cursor of another list.</summary>
    public static (DateTimeOffset At, Guid Id) Parse(IReadOnlyList<string> keys) =>
        keys.Count == 2 && long.TryParse(keys[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(keys[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw PageCursor.NotOurs();

    /// <summary>The time and id of the request's cursor, or null on the first page.</summary>
    public static (DateTimeOffset At, Guid Id)? After(PageRequest page) => page.AfterKeys is { } keys ? Parse(keys) : null;
}
