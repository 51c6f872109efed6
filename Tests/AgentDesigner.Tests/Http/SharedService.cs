using AgentLightning.AgentDesigner.Tests.Support;

namespace AgentLightning.AgentDesigner.Tests.Http;

/// <summary>One service process (and one event subscriber) for every HTTP fixture: they use ids of their own.</summary>
[SetUpFixture]
public sealed class SharedService
{
    private static TestPlatform? _platform;

    public static TestPlatform Platform => _platform ?? throw new InvalidOperationException("The shared service did not start.");

    public static HttpClient Client => Platform.Service(0).Client;

    [OneTimeSetUp]
    public async Task Start() => _platform = await TestPlatform.StartAsync(services: 1);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }
    }
}
