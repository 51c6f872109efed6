namespace AgentLightning.Auth.Keys;

/// <summary>
/// Which key signs and which are published at a moment. A key signs from its activation until the next one
/// activates (its retirement); it stays published until every token it signed has expired (retirement + the
/// access token lifetime + the validators' clock skew). A key not yet active is published already, so every
/// validator has it before its first token.
/// </summary>
internal static class KeyTimeline
{
    /// <summary>The validators' clock skew (30 s) with room to spare.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public static SigningKey? Signing(IReadOnlyList<SigningKey> keys, DateTimeOffset now) =>
        Ordered(keys).LastOrDefault(k => k.ActivatesAt <= now);

    public static IReadOnlyList<SigningKey> Published(IReadOnlyList<SigningKey> keys, DateTimeOffset now, TimeSpan accessTokenLifetime)
    {
        var ordered = Ordered(keys).ToList();
        return [.. ordered.Where((key, i) => RetiredAt(ordered, i, now) is not { } retired || now < retired + accessTokenLifetime + Skew)];
    }

    /// <summary>The newest key that is published but does not sign yet, if a rotation is under way.</summary>
    public static SigningKey? Pending(IReadOnlyList<SigningKey> keys, DateTimeOffset now) =>
        Ordered(keys).LastOrDefault(k => k.ActivatesAt > now);

    private static DateTimeOffset? RetiredAt(List<SigningKey> ordered, int index, DateTimeOffset now) =>
        ordered.Skip(index + 1).FirstOrDefault(k => k.ActivatesAt <= now)?.ActivatesAt;

    private static IOrderedEnumerable<SigningKey> Ordered(IEnumerable<SigningKey> keys) =>
        keys.OrderBy(k => k.ActivatesAt).ThenBy(k => k.Kid, StringComparer.Ordinal);
}
