using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>
/// What a deployment gives the service, pointed at one fixture's scratch database, queues and cache schema.
/// Processes and test hosts given the same environment behave as instances of one platform.
/// </summary>
public sealed class ServiceEnvironment(ScratchDatabase database)
{
    public ScratchDatabase Database { get; } = database;

    public ScratchQueues Queues { get; } = new();

    public string QueuePrefix => Queues.Prefix;

    /// <summary>The cache schema a <see cref="MessagingTestHost"/> with this prefix uses, so every host shares one cache.</summary>
    public string CacheSchema => "m" + QueuePrefix.Replace("-", "", StringComparison.Ordinal);

    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["ConnectionStrings__Postgres"] = Database.ConnectionString,
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        ["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq,
        ["Auth__Authority"] = Tokens.Authority,
        ["Messaging__QueuePrefix"] = QueuePrefix,
        ["Messaging__WaitUntilStarted"] = "true",
        ["Cache__SchemaVersion"] = CacheSchema,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<ServiceEnvironment> CreateAsync() => new(await ScratchDatabase.CreateAsync());
}
