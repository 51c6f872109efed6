namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>
/// Turns the caller's path and query into a URL under the integration's base URL. Each segment is re-escaped,
/// so nothing in it can become a scheme, a host or a separator; dot segments, empty segments and encoded
/// slashes are refused rather than guessed at.
/// </summary>
internal static class ProxyPath
{
    public static Uri Resolve(string baseUrl, string? path, string? query)
    {
        var root = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        var segments = (path ?? "").Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            Check(segments[i], last: i == segments.Length - 1);
        }

        var target = new Uri(root, string.Join('/', segments.Select(Uri.EscapeDataString)) + (query ?? ""));
        if (!root.IsBaseOf(target) || !target.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path '{path}' leaves the integration's base URL.", nameof(path));
        }

        return target;
    }

    private static void Check(string segment, bool last)
    {
        // Only the last segment may be empty: "items/" is a path, "a//b" and "/x" are not.
        if ((segment.Length == 0 && !last) || segment is "." or ".."
            || segment.Contains('\\', StringComparison.Ordinal)
            || segment.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            || segment.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            || segment.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The proxy path segment '{segment}' is refused: no empty or dot segments, backslashes, encoded slashes or control characters.",
                "path");
        }
    }
}
