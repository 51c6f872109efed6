using System.Security.Cryptography;
namespace AgentLightning.Testing.Processes;

/// <summary>
/// Services as processes of their own, deployed as run.sh deploys them but on a scratch database, queue prefix and
/// cache schema of their own: Auth first (the others trust the keys it publishes), then the rest together.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    public const string AuthService = "Auth";
    public const string AgentDesignerService = "AgentDesigner";
    public const string WorkflowEngineService = "WorkflowEngine";
    public const string AiModelService = "AiModel";
    public const string IntegrationHubService = "IntegrationHub";
    public const string ServiceDiscoveryService = "ServiceDiscovery";

    public const string WebSocketService = "WebSocket";

    public const string TransactionCoordinatorService = "TransactionCoordinator";

    /// <summary>The services beside Auth that exist today.</summary>
    public static readonly IReadOnlyList<string> CoreServices =
        [AgentDesignerService, WorkflowEngineService, AiModelService, IntegrationHubService, ServiceDiscoveryService, WebSocketService, TransactionCoordinatorService];

    private readonly IReadOnlyList<string> _services;
    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly ScratchDatabase _database;
    private readonly ScratchQueues _queues = new();
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("al-platform-keys-").FullName;
    private readonly List<ServiceProcess> _processes = [];

    private RunningPlatform(ScratchDatabase database, IReadOnlyList<string> services, IReadOnlyDictionary<string, string> settings) =>
        (_database, _services, _settings) = (database, services, settings);

    /// <summary>The first admin's password, as run.sh hands it to Auth.</summary>
    public string AdminPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public ScratchDatabase Database => _database;

    /// <summary>The queue prefix every process uses: a test host with it joins the platform's bus.</summary>
    public string QueuePrefix => _queues.Prefix;

    public ServiceProcess Auth => First(AuthService);

    public ServiceProcess AgentDesigner => First(AgentDesignerService);

    public ServiceProcess WorkflowEngine => First(WorkflowEngineService);

    public ServiceProcess AiModel => First(AiModelService);

    public ServiceProcess IntegrationHub => First(IntegrationHubService);

    public ServiceProcess ServiceDiscovery => First(ServiceDiscoveryService);

    public ServiceProcess WebSocket => First(WebSocketService);

    public ServiceProcess TransactionCoordinator => First(TransactionCoordinatorService);

    public IReadOnlyList<ServiceProcess> Processes
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes];
            }
        }
    }

    /// <summary>Starts Auth and <paramref name="services"/> (every core service when none are named).</summary>
    public static Task<RunningPlatform> StartAsync(params IReadOnlyList<string> services) => StartAsync(new Dictionary<string, string>(), services);

    /// <summary>The same, with <paramref name="settings"/> (environment variables) given to every service.</summary>
    public static async Task<RunningPlatform> StartAsync(IReadOnlyDictionary<string, string> settings, params IReadOnlyList<string> services)
    {
        var platform = new RunningPlatform(await ScratchDatabase.CreateAsync(), services.Count > 0 ? services : CoreServices, settings);
        try
        {
            await platform.StartEveryServiceAsync();
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another instance of <paramref name="service"/>, sharing the database, queues and cache of the others.</summary>
    public async Task<ServiceProcess> StartInstanceAsync(string service)
    {
        var process = await ServiceProcess.StartAsync(service, Variables(service));
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>SIGKILLs every process and starts each service again: only what PostgreSQL, Redis and the broker keep survives.</summary>
    public async Task RestartAsync()
    {
        var running = Processes;
        await Task.WhenAll(running.Select(p => p.DisposeAsync().AsTask()));
        lock (_processes)
        {
            _processes.Clear();
        }

        await StartEveryServiceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Processes.Select(p => p.DisposeAsync().AsTask()));
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
    }

    private async Task StartEveryServiceAsync()
    {
        await StartInstanceAsync(AuthService);
        await Task.WhenAll(_services.Select(StartInstanceAsync));
    }

    private ServiceProcess First(string service) =>
        Processes.FirstOrDefault(p => p.Service == service) ?? throw new InvalidOperationException($"{service} is not running.");

    private Dictionary<string, string> Variables(string service)
    {
        var variables = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database.ConnectionString,
            ["ConnectionStrings__Redis"] = TestServers.Redis,
            ["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq,
            ["Messaging__QueuePrefix"] = _queues.Prefix,
            ["Messaging__WaitUntilStarted"] = "true",
            ["Cache__SchemaVersion"] = "s" + _queues.Prefix.Replace("-", "", StringComparison.Ordinal),
            ["Logging__LogLevel__Default"] = "Warning",
            ["AGENTLIGHTNING_ADMIN_PASSWORD"] = AdminPassword,
            ["Auth__KeyDirectory"] = _keyDirectory,
        };
        if (service != AuthService)
        {
            variables["Auth__Authority"] = Auth.Address.ToString().TrimEnd('/');
        }

        if (service == IntegrationHubService)
        {
            // As run.sh deploys it: webhooks may target a receiver on this machine (never the platform's ports).
            variables["Outbound__AllowLoopback"] = "true";
        }

        foreach (var (name, value) in _settings)
        {
            variables[name] = value;
        }

        return variables;
    }
}
