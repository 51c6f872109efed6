using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Tokens from the test process's token authority, whose address every service process is given.</summary>
public static class Tokens
{
    public static string Authority => TestTokenAuthority.Shared.Authority;

    public static string For(string role) => TestTokenAuthority.Shared.Issue("agent-designer-tests", role);
}
