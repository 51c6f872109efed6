using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

public sealed class DeadLetterOptions
{
    public const string Section = "Messaging:DeadLetters";

    /// <summary>Unacknowledged messages per dead-letter queue: what the collector holds while the store is away.</summary>
    [Range(1, 1000)]
    public ushort Prefetch { get; set; } = 32;

    /// <summary>Messages stored in one transaction.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>First pause after a failure of the store or the broker; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While a failure lasts, it is logged again at most this often.</summary>
    public TimeSpan FailureLogInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The collector's pacing against the store or the broker: ± 20 % jitter, so services do not retry in step.</summary>
    internal OutageBackoff Backoff(string loop, ILogger logger, TimeProvider time) =>
        new(loop, MinBackoff, MaxBackoff, logger, time) { Jitter = 0.2, WarnEvery = FailureLogInterval };
}
