using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.Capture;

/// <summary>
/// The one JSON form of a message's headers and transport properties: in outbox and scheduler rows and in dead
/// letters. Text (which RabbitMQ.Client hands over as bytes) becomes a string; bytes that are not UTF-8, or hold a
/// NUL that jsonb refuses, become <c>{"$bytes": base64}</c>; AMQP timestamps <c>{"$timestamp": unix seconds}</c>;
/// dates, ids and addresses ISO/plain strings; tables and arrays nest. Reading gives the plain types RabbitMQ's
/// header writer and MassTransit's property readers accept (string, long, double, bool, byte[], lists, tables), so
/// a number such as MT-Redelivery-Count comes back a number. It also reads what the older codecs wrote (MassTransit's
/// dictionary serializer in the outbox, flat values in the scheduler): both are JSON objects of such values.
/// </summary>
public static class HeaderJson
{
    private const string BytesKey = "$bytes";
    private const string TimestampKey = "$timestamp";
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Null for no values at all: an outbox or scheduler row then stores no JSON.</summary>
    public static string? WriteOrNull(IReadOnlyCollection<KeyValuePair<string, object>> values) =>
        values.Count == 0 ? null : Write(values!);

    public static string Write(IEnumerable<KeyValuePair<string, object?>> headers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteTable(json, headers);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, object?> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(json);
        return ReadTable(document.RootElement);
    }

    /// <summary>A header's value as text, whichever way the client or the JSON handed it over.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => TryText(bytes),
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void WriteTable(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> table)
    {
        json.WriteStartObject();
        foreach (var (key, value) in table)
        {
            json.WritePropertyName(key.Replace("\0", "", StringComparison.Ordinal));
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: WriteText(json, Encoding.UTF8.GetBytes(text)); break;
            case byte[] bytes: WriteText(json, bytes); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case sbyte or byte or short or ushort or int or uint or long: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong number: json.WriteNumberValue(number); break;
            case float or double: json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case decimal number: json.WriteNumberValue(number); break;
            case DateTime time: json.WriteStringValue(time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset time: json.WriteStringValue(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: json.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid id: json.WriteStringValue(id.ToString("D")); break;
            case Uri uri: json.WriteStringValue(uri.ToString()); break;
            case AmqpTimestamp timestamp:
                json.WriteStartObject();
                json.WriteNumber(TimestampKey, timestamp.UnixTime);
                json.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> table: WriteTable(json, table); break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            case IFormattable formattable: WriteText(json, Encoding.UTF8.GetBytes(formattable.ToString(null, CultureInfo.InvariantCulture))); break;
            default: WriteText(json, Encoding.UTF8.GetBytes(value.ToString() ?? "")); break;
        }
    }

    private static void WriteText(Utf8JsonWriter json, byte[] bytes)
    {
        if (TryText(bytes) is { } text && !text.Contains('\0', StringComparison.Ordinal))
        {
            json.WriteStringValue(text);
            return;
        }

        json.WriteStartObject();
        json.WriteBase64String(BytesKey, bytes);
        json.WriteEndObject();
    }

    private static string? TryText(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?> ReadTable(JsonElement table) =>
        table.EnumerateObject().ToDictionary(p => p.Name, p => ReadValue(p.Value), StringComparer.Ordinal);

    private static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // Boxed apart: in one conditional expression the long would be widened to a double.
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.Object when value.TryGetProperty(BytesKey, out var bytes) && value.EnumerateObject().Count() == 1 => bytes.GetBytesFromBase64(),
        JsonValueKind.Object when value.TryGetProperty(TimestampKey, out var unix) && value.EnumerateObject().Count() == 1 => new AmqpTimestamp(unix.GetInt64()),
        JsonValueKind.Object => ReadTable(value),
        _ => null,
    };
}
