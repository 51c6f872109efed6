using System.Globalization;
using System.Text.Json;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>Encodes the entries the scripts compare: V{version}|json, T{version}|, P{version}|.</summary>
internal static class CacheEntry
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Value<T>(long version, T value) =>
        "V" + version.ToString(CultureInfo.InvariantCulture) + "|" + JsonSerializer.Serialize(value, Json);

    public static string Deleted(long version) => "T" + version.ToString(CultureInfo.InvariantCulture) + "|";

    public static string List<T>(IReadOnlyList<T> items) => "L|" + JsonSerializer.Serialize(items, Json);

    public static char KindOf(string entry) => entry[0];

    public static T Payload<T>(string entry) =>
        JsonSerializer.Deserialize<T>(entry.AsSpan(entry.IndexOf('|', StringComparison.Ordinal) + 1), Json)
        ?? throw new JsonException("Cache entry has a null payload.");
}
