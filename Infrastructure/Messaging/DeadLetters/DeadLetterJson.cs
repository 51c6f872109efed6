using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

internal static class DeadLetterJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
