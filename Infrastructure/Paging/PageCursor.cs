using System.Buffers.Text;
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

        throw new FormatException("after is not a cursor this list gave: pass the 'next' value of the previous page.");
    }
}
