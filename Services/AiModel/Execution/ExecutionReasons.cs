namespace AgentLightning.AiModel.Execution;

/// <summary>Why AI Model refuses work, worded for whoever reads the task's error or the refusal.</summary>
internal static class ExecutionReasons
{
    public static string ModelMissing(string model) =>
        $"model '{model}' does not exist in AI Model's registry (register it with POST /models, or configure the agent with a registered model)";

    public static string GaveUp(int attempts) =>
        $"gave up after {attempts} attempts: every run ended before its outcome was recorded (a crash, or an outcome that could not be written)";
}
