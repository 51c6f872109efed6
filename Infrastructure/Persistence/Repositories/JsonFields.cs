using System.Text.Json;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

internal static class JsonFields
{
    /// <summary>jsonb columns would reject bad text with a 500; reject it first with a 400.</summary>
    public static void RequireObject(string? json, string field, bool allowArray = false)
    {
        if (json is null)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var kind = document.RootElement.ValueKind;
            if (kind != JsonValueKind.Object && !(allowArray && kind == JsonValueKind.Array))
            {
                throw new ArgumentException($"'{field}' must be a JSON {(allowArray ? "array" : "object")}.", field);
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{field}' is not valid JSON: {e.Message}", field, e);
        }
    }
}
