using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>How long a command whose target does not exist yet is redelivered before it is rejected (Messaging:Commands).</summary>
public sealed class CommandOptions
{
    public const string Section = "Messaging:Commands";

    /// <summary>
    /// From the command's first attempt: long enough for the command that creates its target to overtake it
    /// (redeliveries reorder a queue's messages), short enough for a sender to learn of a real mistake soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TargetMissingWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait; each later one is as long as the command has waited so far, up to <see cref="MaxRedeliveryInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRedeliveryInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRedeliveryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>1 s, 1 s, 2 s, 4 s, 8 s, 15 s…: the wait doubles what has been waited, so a minute takes about eight redeliveries.</summary>
    public TimeSpan NextRedelivery(TimeSpan waitedSoFar) =>
        TimeSpan.FromTicks(Math.Clamp(waitedSoFar.Ticks, FirstRedeliveryInterval.Ticks, Math.Max(FirstRedeliveryInterval.Ticks, MaxRedeliveryInterval.Ticks)));
}
