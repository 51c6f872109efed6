using AgentLightning.IntegrationHub.Tests.Support;

namespace AgentLightning.IntegrationHub.Tests.Http;

/// <summary>One platform and one hub for every HTTP fixture: they use integrations of their own.</summary>
[SetUpFixture]
public sealed class SharedHub
{
    private static HubPlatform? _platform;
    private static HubApp? _app;

    public static HubPlatform Platform => _platform ?? throw new InvalidOperationException("The shared hub did not start.");

    internal static HubApp App => _app ?? throw new InvalidOperationException("The shared hub did not start.");

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await HubPlatform.StartAsync();
        _app = new HubApp(_platform);
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }
    }
}
