namespace AgentLightning.AiModel.Endpoints.Models;

/// <summary><c>{ "models": [...], "count": n, "next": cursor }</c>; count is the number in this page.</summary>
internal sealed record ModelListResponse(IReadOnlyList<ModelResponse> Models, int Count, string? Next);
