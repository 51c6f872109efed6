using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>Tokens from the test process's token authority, whose address the hub is given.</summary>
public static class Tokens
{
    public static string Authority => TestTokenAuthority.Shared.Authority;

    public static string For(string role) => TestTokenAuthority.Shared.Issue("integration-hub-tests", role);
}
