using AgentLightning.Auth.Tests.Support;

namespace AgentLightning.Auth.Tests.Http;

/// <summary>One Auth platform for every fixture of this namespace; each test works with users of its own.</summary>
[SetUpFixture]
public sealed class SharedPlatform
{
    public const int MaxFailedLogins = 3;

    public const int LoginsPerMinutePerUser = 6;

    private static AuthPlatform? _platform;

    internal static AuthPlatform Platform => _platform ?? throw new InvalidOperationException("The shared platform did not start.");

    internal static HttpClient Client => Platform.Client;

    internal static string AdminToken { get; private set; } = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await AuthPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:MaxFailedLogins"] = MaxFailedLogins.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:LockoutDuration"] = "01:00:00",
            ["Auth:LoginsPerMinutePerUser"] = LoginsPerMinutePerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        AdminToken = (await Client.TokensAsync("admin", AuthPlatform.AdminPassword)).AccessToken;
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
