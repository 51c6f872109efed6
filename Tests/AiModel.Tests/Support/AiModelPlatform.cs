using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>
/// One fixture's platform on the real servers: a scratch database and queue prefix, a stand-in Workflow Engine
/// that records what AI Model tells it, and as many AI Model instances (executor and consumers) as asked for.
/// </summary>
public sealed class AiModelPlatform : IAsyncDisposable
{
    private readonly ScratchQueues _queues = new();
    private readonly List<PlatformTestHost?> _instances = [];
    private PlatformTestHost? _workflowEngine;

    private AiModelPlatform(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }

    public string QueuePrefix => _queues.Prefix;

    /// <summary>The cache schema the test hosts of this prefix use, so every host (and the HTTP app) shares one cache.</summary>
    public string CacheSchema => "m" + QueuePrefix.Replace("-", "", StringComparison.Ordinal);

    public TaskCommands Received { get; } = new();

    public PlatformTestHost Instance(int index) => _instances[index] ?? throw new InvalidOperationException($"Instance {index} was stopped.");

    public bool IsRunning(int index) => _instances[index] is not null;

    /// <summary>Stops an instance as its host would on SIGTERM (graceful shutdown).</summary>
    public async Task StopInstanceAsync(int index)
    {
        var host = Instance(index);
        _instances[index] = null;
        await host.DisposeAsync();
    }

    public static async Task<AiModelPlatform> StartAsync(
        int instances, IDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var platform = new AiModelPlatform(await ScratchDatabase.CreateAsync());
        try
        {
            platform._workflowEngine = await MessagingTestHost.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix,
                bus => bus.AddConsumer<TaskCommandRecorder, TaskCommandRecorderDefinition>(),
                serviceName: ServiceNames.WorkflowEngine, configure: b => b.Services.AddSingleton(platform.Received));
            for (var i = 0; i < instances; i++)
            {
                platform._instances.Add(await MessagingTestHost.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix,
                    bus => bus.AddAiModelConsumers(), serviceName: ServiceNames.AiModel, settings: Fast(settings), configure: b =>
                    {
                        b.AddAiModelExecution();
                        configure?.Invoke(b);
                    }));
            }

            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public Task<RegisteredModel> CreateModelAsync(string name, int maxConcurrentTasks = 4, string provider = ModelProviders.Local, string providerModel = "echo") =>
        (_instances.FirstOrDefault(i => i is not null) ?? _workflowEngine!).InScopeAsync(sp => sp.GetRequiredService<ModelRepository>().CreateAsync(new RegisteredModel
        {
            Name = name,
            Provider = provider,
            ProviderModel = providerModel,
            ContextWindow = 8192,
            MaxConcurrentTasks = maxConcurrentTasks,
        }));

    /// <summary>Sends a command to AI Model's queue as Workflow Engine does (through the owner's exchange).</summary>
    public async Task SendAsync<T>(T command, Guid? messageId = null) where T : class
    {
        var bus = _workflowEngine!.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{QueuePrefix}{ServiceNames.AiModel}"));
        await endpoint.Send(command, c => c.MessageId = messageId ?? NewId.NextGuid());
    }

    public Task PublishAsync<T>(T message) where T : class => _workflowEngine!.Services.GetRequiredService<IBus>().Publish(message);

    public async Task<object> UntilOutcomeAsync(Guid taskId, TimeSpan? timeout = null)
    {
        await Eventually.Until(() => Received.OutcomeOf(taskId) is not null, $"task {taskId} completes or fails", timeout ?? TimeSpan.FromSeconds(30));
        return Received.OutcomeOf(taskId)!;
    }

    public Task<long> QueuedAsync(Guid taskId) => Database.ScalarAsync<long>($"SELECT count(*) FROM model_executions WHERE task_id = '{taskId}'");

    public static ExecuteTask Task(string model, string description = "summarise the report", int priority = 0) =>
        new() { TaskId = NewId.NextGuid(), AgentId = "agent-1", Model = model, Description = description, Priority = priority };

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _instances.OfType<PlatformTestHost>())
        {
            await host.DisposeAsync();
        }

        if (_workflowEngine is not null)
        {
            await _workflowEngine.DisposeAsync();
        }

        await _queues.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Short polls and leases, so a spec waits for what it tests and not for timers.</summary>
    private static Dictionary<string, string?> Fast(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["AiModel:Execution:PollInterval"] = "00:00:00.200",
            ["AiModel:Execution:RenewInterval"] = "00:00:00.300",
            ["AiModel:Execution:LeaseDuration"] = "00:00:03",
            ["AiModel:Local:Delay"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}
