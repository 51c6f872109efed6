namespace AgentLightning.AiModel.Execution;

internal static class ModelMissing
{
    public static string Reason(string model) =>
        $"model '{model}' does not exist in AI Model's registry (register it with POST /models, or configure the agent with a registered model)";
}
