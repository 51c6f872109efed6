using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Support;

/// <summary>Every service of the platform, for the specs that hold for each of them.</summary>
public static class PlatformServices
{
    public static IEnumerable<string> All() => [RunningPlatform.AuthService, .. RunningPlatform.CoreServices];
}
