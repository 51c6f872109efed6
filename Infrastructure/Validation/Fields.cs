using System.Text.Json;
using AgentLightning.Contracts.Agents;

namespace AgentLightning.Infrastructure.Validation;

/// <summary>
/// Input rules shared by HTTP and commands. Each failure is an <see cref="ArgumentException"/>: a 400 over HTTP,
/// a dead letter for a command. Lengths and NUL checks keep PostgreSQL from turning bad input into a 500.
/// </summary>
public static class Fields
{
    public static void AgentId(string? value, string field)
    {
        if (!AgentSlug.IsValid(value))
        {
            throw new ArgumentException(
                $"'{field}' must be a slug of 1 to {AgentSlug.MaxLength} lower-case letters, digits and single hyphens, e.g. 'research-assistant'.", field);
        }
    }

    public static void Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"'{field}' is required.", field);
        }

        Optional(value, field, maxLength);
    }

    public static void Optional(string? value, string field, int maxLength)
    {
        if (value is not null && (value.Length > maxLength || value.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{field}' must be at most {maxLength} characters of text.", field);
        }
    }

    public static void OneOf(string? value, IReadOnlyList<string> allowed, string field)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{field}' must be one of {string.Join(", ", allowed)}; got '{value}'.", field);
        }
    }

    public static void Range(int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"'{field}' must be between {min} and {max}; got {value}.", field);
        }
    }

    /// <summary>The JSON text to store for an optional object field; absent or null is an empty object.</summary>
    public static string JsonObject(JsonElement? value, string field)
    {
        if (value is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            return "{}";
        }

        var text = element.GetRawText();
        if (element.ValueKind != JsonValueKind.Object || text.Contains("\\u0000", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{field}' must be a JSON object (without NUL characters).", field);
        }

        return text;
    }

    /// <summary>Any JSON value but null (jsonb refuses a NUL character); absent or null is null.</summary>
    public static string? JsonValue(JsonElement? value, string field)
    {
        if (value is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            return null;
        }

        var text = element.GetRawText();
        return text.Contains("\\u0000", StringComparison.OrdinalIgnoreCase)
            ? throw new ArgumentException($"'{field}' must be JSON without NUL characters.", field)
            : text;
    }

    public static JsonElement ToElement(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    public static JsonElement? ToElementOrNull(string? json) => json is null ? null : ToElement(json);
}
