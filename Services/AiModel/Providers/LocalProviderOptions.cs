namespace AgentLightning.AiModel.Providers;

public sealed class LocalProviderOptions
{
    public const string Section = "AiModel:Local";

    /// <summary>How long each task takes (half of it before the 50 % progress report): for tests of waiting and cancelling.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Provider model names whose every task fails, for failure tests (e.g. a model registered with providerModel always-fail).</summary>
    public IList<string> FailingModels { get; } = ["always-fail"];
}
