using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Discovery;

/// <summary>
/// Registers this instance once the server listens (its address is known only then), heartbeats with the result of
/// its own readiness checks, and deregisters on a clean stop. A failed heartbeat never stops or slows the service:
/// it is logged once per outage and tried again.
/// </summary>
internal sealed partial class InstanceRegistrar(
    ServiceRegistry registry, InstanceReadiness readiness, IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<DiscoveryOptions> options,
    IOptions<ServiceOptions> service, TimeProvider clock, ILogger<InstanceRegistrar> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _leaving = new();
    private ServiceInstance? _instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var heartbeats = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _leaving.Token);
        await RunAsync(heartbeats.Token);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!await ServerStartedAsync(stoppingToken))
        {
            return;
        }

        if (BaseUrl() is not { } baseUrl)
        {
            LogNoAddress(logger, service.Value.Name);
            return;
        }

        var settings = options.Value;
        var instance = new ServiceInstance
        {
            Id = settings.InstanceId,
            Service = service.Value.Name,
            BaseUrl = baseUrl,
            Version = Version(),
            StartedAt = clock.GetUtcNow(),
            Readiness = HealthStatuses.Unhealthy,
        };
        var outage = new OutageBackoff("Service registration", settings.HeartbeatInterval, settings.HeartbeatInterval * 2, logger, clock);
        await outage.RepeatAsync(async ct =>
        {
            instance.Readiness = await readiness.CheckAsync(ct);
            await registry.HeartbeatAsync(instance, ct);
            _instance = instance;
        }, settings.HeartbeatInterval, stoppingToken);
    }

    /// <summary>
    /// Deregisters when the host begins to stop, before any service stops (the bus, the server): callers stop being sent
    /// here while this instance still answers. The heartbeats end first, so none re-registers it afterwards.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _leaving.CancelAsync();
        if (ExecuteTask is { } heartbeats)
        {
            await heartbeats.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_instance is not { } instance)
        {
            return;
        }

        // Bounded: a database that is down must not hold the shutdown; the row then expires like a killed instance's.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DeregisterTimeout);
        try
        {
            await registry.RemoveAsync(instance.Id, timeout.Token);
        }
        catch (Exception e)
        {
            LogDeregisterFailed(logger, instance.Id, e.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _leaving.Dispose();
        base.Dispose();
    }

    private async Task<bool> ServerStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The configured address, else the server's first (a test server without a socket has none).</summary>
    private string? BaseUrl() =>
        options.Value.BaseUrl?.TrimEnd('/')
        ?? Reachable(services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault())?.TrimEnd('/');

    /// <summary>A wildcard binding (0.0.0.0, [::], +, *) is no address to call: the machine's name stands in for it.</summary>
    private static string? Reachable(string? bound) =>
        bound is null ? null : Wildcard().Replace(bound, $"://{Dns.GetHostName()}:", 1);

    [GeneratedRegex(@"://(0\.0\.0\.0|\[::\]|\+|\*):")]
    private static partial Regex Wildcard();

    private static string Version() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
            ? version[..Math.Min(version.Length, ServiceInstance.MaxVersionLength)]
            : "unknown";

    [LoggerMessage(LogLevel.Information, "{Service} is not registered for discovery: it listens on no address and Discovery:BaseUrl is not set")]
    private static partial void LogNoAddress(ILogger logger, string service);

    [LoggerMessage(LogLevel.Warning, "Instance {Instance} could not deregister ({Reason}); it leaves the registry when its heartbeat expires")]
    private static partial void LogDeregisterFailed(ILogger logger, string instance, string reason);
}
