using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.Infrastructure.Hosting;

/// <summary>The aggregate's version is its ETag; <c>If-Match</c> turns it into the expected version of a write.</summary>
public static class EntityTags
{
    public static Ok<T> Ok<T>(HttpResponse response, long version, T body)
    {
        Set(response, version);
        return TypedResults.Ok(body);
    }

    public static void Set(HttpResponse response, long version) =>
        response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Null when absent or <c>*</c>; one strong tag such as <c>"3"</c> otherwise (a bare 3 is accepted too).</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        var tag = value.Length > 1 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        return long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ArgumentException($"If-Match must be one ETag of this resource, e.g. \"3\"; got {value}.", "If-Match");
    }
}
