using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests;

/// <summary>One running platform for the fixtures that neither restart nor add processes; each uses ids of its own.</summary>
[SetUpFixture]
public sealed class SharedPlatform
{
    private static RunningPlatform? _platform;
    private static Accounts? _accounts;

    public static RunningPlatform Platform => _platform ?? throw new InvalidOperationException("The shared platform did not start.");

    public static Accounts Accounts => _accounts ?? throw new InvalidOperationException("The shared platform did not start.");

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await RunningPlatform.StartAsync();
        _accounts = new Accounts(_platform);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }
    }
}
