using System.Text.Json;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// A service with a failing and a switchable consumer on the real RabbitMQ and PostgreSQL, with its own
/// scratch database and queue prefix; its queues and exchanges are deleted afterwards.
/// </summary>
public abstract class DeadLetterFixture
{
    public const string ServiceName = "dead-letter-test";

    public const string SwitchedType = "urn:message:AgentLightning.DeadLetters.Tests:SwitchedCommand";

    protected ScratchDatabase Database { get; private set; } = null!;

    protected string Prefix { get; } = "dl" + Guid.NewGuid().ToString("N")[..10] + "-";

    protected PlatformTestHost Service { get; set; } = null!;

    protected RabbitMqManagement Management { get; } = new();

    protected IDeadLetterReplayer Replayer => Service.Services.GetRequiredService<IDeadLetterReplayer>();

    protected ConsumerSwitch Switch => Service.Services.GetRequiredService<ConsumerSwitch>();

    protected string DoomedQueue => Formatter.Consumer<AlwaysFailingConsumer>();

    protected string SwitchedQueue => Formatter.Consumer<SwitchedConsumer>();

    private KebabCaseEndpointNameFormatter Formatter => new(Prefix, false);

    /// <summary>False for a fixture that starts its service itself.</summary>
    protected virtual bool StartsServiceAtSetUp => true;

    [OneTimeSetUp]
    public async Task StartService()
    {
        Database = await ScratchDatabase.CreateAsync();
        if (StartsServiceAtSetUp)
        {
            Service = await StartServiceAsync(Database.ConnectionString);
        }
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        // The exchanges of the test's message types (and their faults) too: no other suite uses them.
        await Management.DeleteAsync(Prefix, typeof(DoomedCommand).Namespace + ":");
        await Database.DisposeAsync();
    }

    protected Task<PlatformTestHost> StartServiceAsync(string postgres, Action<IHostApplicationBuilder>? configure = null) =>
        PlatformTestHost.StartAsync(postgres, TestServers.Redis, "t" + Prefix.TrimEnd('-'), ServiceName, Settings(Prefix), builder =>
        {
            AddMessaging(builder);
            configure?.Invoke(builder);
        });

    /// <summary>
    /// The bus with the test consumers and no delayed redelivery: configuration cannot bind an empty list (an
    /// empty value keeps the default delays), so the options are set after binding.
    /// </summary>
    public static void AddMessaging(IHostApplicationBuilder builder)
    {
        builder.AddMessaging(ConfigureBus);
        builder.Services.PostConfigure<MessagingOptions>(options => options.Retry.Redelivery = []);
    }

    public static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["ConnectionStrings:RabbitMq"] = TestServers.RabbitMq,
        ["Messaging:QueuePrefix"] = prefix,
        ["Messaging:WaitUntilStarted"] = "true",
        ["Messaging:Retry:Immediate"] = "1",
        ["Messaging:Retry:Exponential"] = "1",
        ["Messaging:Retry:MinInterval"] = "00:00:00.050",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.100",
        ["Messaging:DeadLetters:MinBackoff"] = "00:00:00.100",
        ["Messaging:DeadLetters:MaxBackoff"] = "00:00:01",
    };

    public static void ConfigureBus(IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton<ConsumerSwitch>();
        bus.AddConsumer<AlwaysFailingConsumer>();
        bus.AddConsumer<SwitchedConsumer>();
    }

    /// <summary>
    /// Through the endpoint's exchange: a <c>queue:</c> address would make MassTransit declare the queue as a
    /// classic queue, which the broker refuses for the existing quorum queue (and MassTransit retries forever).
    /// </summary>
    protected Task SendAsync<T>(string queue, T message, Guid messageId)
        where T : class => SendAsync(Service.Services, queue, message, messageId);

    protected static async Task SendAsync<T>(IServiceProvider services, string queue, T message, Guid messageId)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(message, context => context.MessageId = messageId, timeout.Token);
    }

    /// <summary>Waits until the store holds the message's dead letter (in any state <paramref name="until"/> accepts).</summary>
    protected async Task<DeadLetter> DeadLetterAsync(string queue, Guid messageId, Func<DeadLetter, bool>? until = null)
    {
        DeadLetter? found = null;
        await Eventually.Until(async () =>
        {
            var page = await Replayer.ListAsync(new DeadLetterFilter { SourceQueue = queue }, PageRequest.First(500));
            var summary = page.Items.FirstOrDefault(s => s.MessageId == messageId.ToString());
            found = summary is null ? null : (await Replayer.GetAsync(summary.Id))!.Letter;
            return found is not null && (until?.Invoke(found) ?? true);
        }, $"a dead letter for message {messageId} from {queue}");
        return found!;
    }

    /// <summary>
    /// A SwitchedCommand the outbox could never send, as the store takes it: a letter of the switched queue without
    /// waiting for a consumer to fail, replayed to that queue like any other.
    /// </summary>
    protected DeadLetterCapture Undeliverable(Guid messageId, string text, DateTimeOffset? failedAt = null, string? queue = null) => new()
    {
        MessageId = messageId.ToString(),
        MessageTypes = [SwitchedType],
        ContentType = RawBroker.MassTransitJson,
        Body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId,
            messageType = new[] { SwitchedType },
            message = new SwitchedCommand(messageId, text),
        }, JsonSerializerOptions.Web),
        Properties = new AmqpProperties { MessageId = messageId.ToString(), ContentType = RawBroker.MassTransitJson },
        SourceService = ServiceName,
        SourceQueue = queue ?? SwitchedQueue,
        Reason = DeadLetterReason.Undeliverable,
        ExceptionType = "RabbitMQ.Client.Exceptions.PublishException",
        ExceptionMessage = "The broker refused the message.",
        FailedAt = failedAt ?? DateTimeOffset.UtcNow,
    };
}
