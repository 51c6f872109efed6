using AgentLightning.Testing;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Every token this project mints, from the test process's token authority.</summary>
public static class Tokens
{
    /// <summary>What the service is configured with to accept these tokens.</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string> { ["Auth:Authority"] = TestTokenAuthority.Shared.Authority };

    public static string For(string role) => TestTokenAuthority.Shared.Issue("workflow-engine-tests", role);
}
