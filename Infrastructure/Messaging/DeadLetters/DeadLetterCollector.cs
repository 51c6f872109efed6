using AgentLightning.Infrastructure.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Drains this service's <c>_error</c> and <c>_skipped</c> queues into the dead-letter store. A message is
/// acknowledged only after the transaction that stored it has committed; while the store is unreachable the
/// collector keeps what it holds, stops taking more (prefetch), and tries again with backoff — the messages
/// wait in their queues, and MassTransit's consumers carry on unaffected.
/// </summary>
internal sealed partial class DeadLetterCollector(
    IServiceProvider services, DeadLetterSources sources, IDeadLetterStore store, BrokerConnections broker,
    IOptions<DeadLetterOptions> options, TimeProvider time, ILogger<DeadLetterCollector> logger) : BackgroundService
{
    private readonly DeadLetterOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolving the bus runs MassTransit's configuration, which is when the endpoints are recorded.
        services.GetRequiredService<IBusControl>();
        var queues = sources.Resolve();
        if (queues.Count == 0)
        {
            return;
        }

        var serviceName = ServiceOptions.Resolve(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>().ApplicationName);
        var brokerPacing = _options.Backoff("Dead-letter collection (broker)", logger, time);
        var run = new Run(queues, serviceName, _options.Backoff("Dead-letter collection (store)", logger, time),
            _options.Backoff("Dead-letter collection (queues)", logger, time));
        try
        {
            while (true)
            {
                try
                {
                    await CollectAsync(run, brokerPacing, stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // A session that lasted was healthy: this is a new outage, retried at once. One that ended
                    // soon after it opened continues the old one, so a flapping broker cannot make a hot loop.
                    if (time.GetUtcNow() - run.ConnectedAt > _options.MaxBackoff)
                    {
                        brokerPacing.Recover();
                    }

                    run.ConnectedAt = DateTimeOffset.MaxValue;

                    if (brokerPacing.Failed())
                    {
                        LogBrokerFailing(logger, error, brokerPacing.Failures);
                    }

                    await Task.Delay(brokerPacing.NextDelay(), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not acknowledged is back in its queue for the next start.
        }
    }

    private async Task CollectAsync(Run run, OutageBackoff brokerPacing, CancellationToken cancellationToken)
    {
        await using var session = await CollectorSession.OpenAsync(
            broker, _options.Prefetch, (queue, properties, body) => CaptureReader.Read(queue, properties, body, run.ServiceName, time.GetUtcNow()),
            cancellationToken);
        var refused = await SubscribeAsync(session, run.Queues, run.TopologyPacing, cancellationToken);
        run.ConnectedAt = time.GetUtcNow();
        if (brokerPacing.Failures > 0)
        {
            LogBrokerBack(logger, brokerPacing.Duration);
        }

        var batch = new List<CollectorSession.Delivery>(_options.BatchSize);
        while (true)
        {
            batch.Clear();
            var wait = refused.Count > 0 ? run.TopologyPacing.NextDelay() : Timeout.InfiniteTimeSpan;
            if (!await session.ReadBatchAsync(batch, _options.BatchSize, wait, cancellationToken))
            {
                refused = await SubscribeAsync(session, refused, run.TopologyPacing, cancellationToken);
                continue;
            }

            await StoreAsync(batch.ConvertAll(d => d.Capture), run.StorePacing, cancellationToken);
            await session.AckAsync(batch, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<DeadLetterQueue>> SubscribeAsync(
        CollectorSession session, IEnumerable<DeadLetterQueue> queues, OutageBackoff pacing, CancellationToken cancellationToken)
    {
        var refused = await session.SubscribeAsync(queues, cancellationToken);
        if (refused.Count == 0)
        {
            pacing.Recover();
        }
        else if (pacing.Failed())
        {
            foreach (var (queue, error) in refused)
            {
                LogQueueRefused(logger, error, queue.QueueName);
            }
        }

        return refused.Select(r => r.Queue).ToList();
    }

    /// <summary>Returns only once the batch is committed: the caller acknowledges it next.</summary>
    private async Task StoreAsync(List<DeadLetterCapture> captures, OutageBackoff pacing, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await store.AddAsync(captures, cancellationToken);
                if (pacing.Recover() is { } outage)
                {
                    LogStoreBack(logger, outage, captures.Count);
                }

                return;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                if (pacing.Failed())
                {
                    LogStoreFailing(logger, error, captures.Count, pacing.Failures);
                }

                await Task.Delay(pacing.NextDelay(), time, cancellationToken);
            }
        }
    }

    private sealed record Run(IReadOnlyList<DeadLetterQueue> Queues, string ServiceName, OutageBackoff StorePacing, OutageBackoff TopologyPacing)
    {
        public DateTimeOffset ConnectedAt { get; set; } = DateTimeOffset.MaxValue;
    }
}
