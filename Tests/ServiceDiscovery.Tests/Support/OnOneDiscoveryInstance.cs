namespace AgentLightning.ServiceDiscovery.Tests.Support;

/// <summary>A fixture whose specs share one platform with one Service Discovery process; each spec uses service names of its own.</summary>
public abstract class OnOneDiscoveryInstance
{
    private DiscoveryPlatform? _platform;

    protected DiscoveryPlatform Platform => _platform ?? throw new InvalidOperationException("The platform did not start.");

    protected HttpClient Discovery => Platform.Processes[0].Client;

    [OneTimeSetUp]
    public async Task StartPlatform() => _platform = await DiscoveryPlatform.StartAsync();

    [OneTimeTearDown]
    public async Task StopPlatform()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }
    }
}
