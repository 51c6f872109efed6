using AgentLightning.Testing;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>Tokens from the test process's token authority, whose address every host is given.</summary>
public static class Tokens
{
    public static string Authority => TestTokenAuthority.Shared.Authority;

    public static string For(string role) => TestTokenAuthority.Shared.Issue("ai-model-tests", role);
}
