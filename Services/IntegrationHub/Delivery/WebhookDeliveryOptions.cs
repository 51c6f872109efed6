using System.ComponentModel.DataAnnotations;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>How webhooks are delivered (section IntegrationHub:Delivery).</summary>
internal sealed class WebhookDeliveryOptions
{
    public const string Section = "IntegrationHub:Delivery";

    /// <summary>10 s, 1 min, 5 min, 30 min, 2 h: six attempts over about two and a half hours.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// The wait before each retry; their number is the number of retries. Unset: <see cref="DefaultRetryDelays"/>
    /// (a default array would have configured values appended to it instead of replacing it).
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>How long one POST may take, answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit of a target host opens when this share of its calls failed in <see cref="SamplingDuration"/>...</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>... out of at least this many calls ...</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>... and stays open this long: attempts meanwhile fail at once, without a call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<TimeSpan> Delays => RetryDelays ?? DefaultRetryDelays;
}
