using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentLightning.Infrastructure.Paging;

/// <summary>
/// Cursors are opaque to clients (base64url of the sort key values of the last item), so the key a list
/// sorts by can change without breaking the API's promise.
/// </summary>
public static class PageCursor
{
    public static string Encode(params IReadOnlyList<string> keys) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keys));

    public static IReadOnlyList<string> Decode(string cursor)
    {
        try
        {
            var keys = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            // No NUL: PostgreSQL text cannot hold one, so a forged cursor would fail the query (500), not the request.
            if (keys is { Length: > 0 } && keys.All(k => k is not null && !k.Contains('\0', StringComparison.Ordinal)))
            {
                return keys;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
        }

        throw NotOurs();
    }

    /// <summary>The keys of a cursor of two values of any parsable type; <see cref="FormatException"/> (400) for another list's.</summary>
    public static (T1 First, T2 Second) Parse<T1, T2>(IReadOnlyList<string> keys)
        where T1 : ISpanParsable<T1>
        where T2 : ISpanParsable<T2> =>
        keys.Count == 2 && T1.TryParse(keys[0], CultureInfo.InvariantCulture, out var first)
            && T2.TryParse(keys[1], CultureInfo.InvariantCulture, out var second)
            ? (first, second)
            : throw NotOurs();

    /// <summary>The 400 for a cursor no list gave (forged, or another list's).</summary>
    public static FormatException NotOurs() =>
        new("after is not a cursor this list gave: pass the 'next' value of the previous page.");
}
