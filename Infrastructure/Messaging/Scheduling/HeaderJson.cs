using System.Globalization;
using System.Text.Json;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Headers and transport properties as a JSON object. Values come back as the plain types RabbitMQ's header
/// writer and MassTransit's property readers accept (string, long, double, bool), so an int header such as
/// MT-Redelivery-Count survives the round trip as a number.
/// </summary>
internal static class HeaderJson
{
    public static string? Write(IEnumerable<KeyValuePair<string, object>> values)
    {
        var present = values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => Simplify(v.Value));
        return present.Count == 0 ? null : JsonSerializer.Serialize(present);
    }

    public static Dictionary<string, object> Read(string? json)
    {
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (ToValue(property.Value) is { } value)
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    private static object Simplify(object value) => value switch
    {
        string or bool or byte or short or int or long or float or double or decimal => value,
        Guid guid => guid.ToString("D"),
        Uri uri => uri.ToString(),
        DateTime time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        // Boxed apart: in one conditional expression the long would be widened to a double.
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(e => e.ToString()).ToArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };
}
