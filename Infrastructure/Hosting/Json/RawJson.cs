using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLightning.Infrastructure.Hosting.Json;

/// <summary>
/// A JSON value the store keeps as text (a jsonb column, validated when written), put into a response as it is. As a
/// <see cref="JsonElement"/> every value became a parsed document first, for nothing but writing it out again: a page
/// of 100 agents built 100 of them per request.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Text);

/// <summary>Writes the text unchanged, still checked to be one JSON value: stored text that is not cannot make a response invalid.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: false);
}
