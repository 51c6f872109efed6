using AgentLightning.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Testing;

/// <summary>A service with the data layer and the bus on the real broker, its queues under a prefix of its own.</summary>
public static class MessagingTestHost
{
    public static Task<PlatformTestHost> StartAsync(
        string postgres, string queuePrefix, Action<IBusRegistrationConfigurator>? consumers = null,
        string serviceName = "test-service", IDictionary<string, string?>? settings = null,
        Action<IHostApplicationBuilder>? configure = null, string? rabbitMq = null)
    {
        var all = Settings(queuePrefix, rabbitMq);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return PlatformTestHost.StartAsync(postgres, TestServers.Redis, "m" + queuePrefix.Replace("-", "", StringComparison.Ordinal), serviceName, all, builder =>
        {
            builder.AddMessaging(consumers);
            configure?.Invoke(builder);
        });
    }

    /// <summary>A test service's messaging: the real broker, queues under <paramref name="queuePrefix"/>, short retries and polls.</summary>
    public static Dictionary<string, string?> Settings(string queuePrefix, string? rabbitMq = null) => new()
    {
        ["ConnectionStrings:RabbitMq"] = rabbitMq ?? TestServers.RabbitMq,
        ["Messaging:QueuePrefix"] = queuePrefix,
        ["Messaging:WaitUntilStarted"] = "true",
        ["Messaging:Retry:Immediate"] = "1",
        ["Messaging:Retry:Exponential"] = "1",
        ["Messaging:Retry:MinInterval"] = "00:00:00.050",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
        ["Messaging:Outbox:PollInterval"] = "00:00:00.500",

        // Specs stretch polls to a minute or an hour to prove the wake-ups; the start-up check counts a poll per
        // retry, so it would refuse them the default duplicate-detection window.
        ["Messaging:Outbox:DuplicateDetectionWindow"] = "30.00:00:00",
    };

    public static string NewQueuePrefix() => "t" + Guid.NewGuid().ToString("N")[..8] + "-";
}
