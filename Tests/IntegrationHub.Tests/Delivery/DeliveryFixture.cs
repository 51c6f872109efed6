using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Delivery;

/// <summary>A platform, a hub with retries a spec can wait for (0.2 s, then 0.4 s) and a receiver on 127.0.0.1.</summary>
public abstract class DeliveryFixture
{
    private HubPlatform? _platform;
    private HubApp? _app;
    private WebhookReceiver? _receiver;

    protected HubPlatform Platform => _platform!;

    internal HubApp App => _app!;

    protected WebhookReceiver Receiver => _receiver!;

    protected HttpClient Operator => App.As(PlatformRoles.Operator);

    /// <summary>Quick retries; circuits that never open unless a fixture wants them to.</summary>
    protected virtual Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:Delivery:RetryDelays:0"] = "00:00:00.200",
        ["IntegrationHub:Delivery:RetryDelays:1"] = "00:00:00.400",
        ["IntegrationHub:Delivery:MinimumThroughput"] = "1000",
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _platform = await HubPlatform.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _app = new HubApp(_platform, Settings);
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        var violations = _app?.OutboundViolations.ToList() ?? [];
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        Assert.That(violations, Is.Empty, "the hub connected outside 127.0.0.0/8");
    }
}
