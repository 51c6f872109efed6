using System.Globalization;

namespace AgentLightning.WorkflowEngine.Endpoints;

/// <summary>The keys of lists ordered by (created at, id): the creation time in UTC ticks and the id.</summary>
internal static class CreatedCursor
{
    public static IReadOnlyList<string> Keys(DateTimeOffset createdAt, Guid id) =>
        [createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture), id.ToString()];

    public static (DateTimeOffset CreatedAt, Guid Id) Parse(IReadOnlyList<string> keys) =>
        keys.Count == 2 && long.TryParse(keys[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(keys[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw new FormatException("after is not a cursor this list gave: pass the 'next' value of the previous page.");
}
