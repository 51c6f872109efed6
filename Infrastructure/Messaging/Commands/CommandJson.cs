using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// How a command arrives over HTTP: camelCase, strict (no numbers in strings, no unknown members, no null for a
/// non-nullable member), and the JSON Schema that says so, generated from the record.
/// </summary>
public static class CommandJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonNode SchemaOf(Type command) =>
        Options.GetJsonSchemaAsNode(command, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    /// <summary>
    /// Reads <paramref name="body"/> as <paramref name="command"/>, collecting every field's error (keyed by its
    /// JSON path, "$" for the body) instead of stopping at the first; the command when there is none.
    /// </summary>
    public static object? Read(Type command, JsonNode? body, Dictionary<string, string[]> errors)
    {
        if (body is not JsonObject fields)
        {
            errors["$"] = [$"The body must be a JSON object ({command.Name})."];
            return null;
        }

        var members = Options.GetTypeInfo(command).Properties;
        foreach (var (name, value) in fields)
        {
            var member = members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            if (member is null)
            {
                errors[name] = [$"{command.Name} has no member '{name}'."];
            }
            else if (value is null && !member.IsSetNullable)
            {
                errors[member.Name] = ["The field must not be null."];
            }
            else
            {
                CheckType(member, value, errors);
            }
        }

        foreach (var missing in members.Where(m => m.IsRequired && !fields.Any(f => string.Equals(f.Key, m.Name, StringComparison.OrdinalIgnoreCase))))
        {
            errors[missing.Name] = ["The field is required."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        try
        {
            return fields.Deserialize(command, Options);
        }
        catch (JsonException e)
        {
            errors[e.Path ?? "$"] = [e.Message];
            return null;
        }
    }

    private static void CheckType(JsonPropertyInfo member, JsonNode? value, Dictionary<string, string[]> errors)
    {
        try
        {
            _ = value.Deserialize(member.PropertyType, Options);
        }
        catch (JsonException e)
        {
            var inner = e.Path is { Length: > 1 } path ? path[1..] : "";
            errors[member.Name + inner] = [$"Expected {Describe(member.PropertyType)}."];
        }
    }

    private static string Describe(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "a string",
            var t when t == typeof(Guid) => "a UUID string",
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "an ISO 8601 date-time string",
            var t when t.IsPrimitive || t == typeof(decimal) => "a number",
            var t when t != typeof(string) && t.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "an array",
            _ => "an object",
        };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
