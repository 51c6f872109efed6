namespace AgentLightning.AiModel.Execution;

/// <summary>Why AI Model refuses work, worded for whoever reads the task's error or the refusal.</summary>
internal static class ExecutionReasons
{
    public static string ModelMissing(string model) =>
        $"model '{model}' does not exist in AI Model's registry (register it with POST /models, or configure the agent with a registered model)";
}
