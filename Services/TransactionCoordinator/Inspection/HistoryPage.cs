namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// One page of a saga's history read whole (its transitions, its conversation), each ordered by its own sequence: the
/// detail's cursor carries the last sequence shown of each, so both lists go on from where their page ended.
/// </summary>
internal sealed record HistoryPage<T>(IReadOnlyList<T> Items, bool More);

internal static class HistoryPage
{
    public static HistoryPage<T> After<T>(IReadOnlyList<T> ordered, Func<T, long> sequence, long after, int size)
    {
        var rest = ordered.Where(row => sequence(row) > after).Take(size + 1).ToList();
        return new HistoryPage<T>([.. rest.Take(size)], rest.Count > size);
    }
}
