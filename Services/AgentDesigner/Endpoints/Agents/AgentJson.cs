using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>
/// The hot responses' serializers generated at build time (web defaults: camelCase, as the rest of the API): a
/// page writes 100 agents, and a get-by-id is the platform's most frequent read.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentResponse))]
[JsonSerializable(typeof(AgentListResponse))]
internal sealed partial class AgentJson : JsonSerializerContext;
