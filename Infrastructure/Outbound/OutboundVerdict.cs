namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Whether a target may be called, and if not, why (the reason is safe to show to the caller).</summary>
public sealed record OutboundVerdict
{
    private OutboundVerdict(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    public static OutboundVerdict Allowed { get; } = new(true, null);

    public bool IsAllowed { get; }

    public string? Reason { get; }

    public static OutboundVerdict Refused(string reason) => new(false, reason);
}
