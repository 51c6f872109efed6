using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Auth.Tests.Support;

/// <summary>
/// One fixture's platform: a scratch database and queue prefix, a key directory of its own, the Auth service,
/// another service that validates Auth's tokens, and a subscriber that records the user events.
/// </summary>
internal sealed class AuthPlatform : IAsyncDisposable
{
    public const string AdminPassword = "first-admin-password-1";

    private PlatformTestHost? _subscriber;

    private AuthPlatform(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }

    public ScratchQueues Queues { get; } = new();

    public string KeyDirectory { get; } = Directory.CreateTempSubdirectory("al-auth-keys-").FullName;

    public AuthHost Auth { get; private set; } = null!;

    public AuthHost Validator { get; private set; } = null!;

    public UserEventLog Events { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public HttpClient Client => Auth.Client;

    public static async Task<AuthPlatform> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var platform = new AuthPlatform(await ScratchDatabase.CreateAsync());
        try
        {
            platform.Auth = await AuthHost.StartAuthAsync(platform.AuthSettings(overrides), platform.Logs);
            platform.Validator = await AuthHost.StartValidatorAsync(platform.ValidatorSettings(platform.Auth.Address));
            platform._subscriber = await MessagingTestHost.StartAsync(
                platform.Database.ConnectionString, platform.Queues.Prefix, bus => bus.AddConsumer<UserEventRecorder>(),
                serviceName: "user-event-recorder", configure: b => b.Services.AddSingleton(platform.Events));
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>What a deployment gives the Auth service, with the fixture's overrides.</summary>
    public Dictionary<string, string?> AuthSettings(IDictionary<string, string?>? overrides = null)
    {
        var settings = ServiceSettings(new Dictionary<string, string?>
        {
            ["Service:Name"] = "auth",
            ["Auth:KeyDirectory"] = KeyDirectory,
            ["AGENTLIGHTNING_ADMIN_PASSWORD"] = AdminPassword,
            ["Auth:LoginsPerMinutePerAddress"] = "10000",

            // Everything the service itself writes, so a spec can look for what must never be logged.
            ["Logging:LogLevel:AgentLightning"] = "Debug",
            ["Messaging:QueuePrefix"] = Queues.Prefix,
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.500",
        });
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>What a deployment gives another service that trusts the Auth service at <paramref name="authority"/>.</summary>
    public Dictionary<string, string?> ValidatorSettings(string authority) => ServiceSettings(new Dictionary<string, string?>
    {
        ["Auth:Authority"] = authority,
        ["Auth:MetadataRefreshInterval"] = "00:00:01",
        ["Service:Name"] = "validator",
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Validator, Auth, _subscriber })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await Queues.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(KeyDirectory, recursive: true);
    }

    private Dictionary<string, string?> ServiceSettings(Dictionary<string, string?> own)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Database.ConnectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["ConnectionStrings:RabbitMq"] = TestServers.RabbitMq,
            ["Cache:SchemaVersion"] = "m" + Queues.Prefix.Replace("-", "", StringComparison.Ordinal),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in own)
        {
            settings[key] = value;
        }

        return settings;
    }
}
