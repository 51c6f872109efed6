namespace AgentLightning.Contracts.System;

/// <summary>Severity values of a <see cref="SystemAlert"/>.</summary>
public static class AlertSeverities
{
    public const string Info = "info";

    public const string Warning = "warning";

    public const string Error = "error";

    public const string Critical = "critical";

    public static IReadOnlyList<string> All { get; } = [Info, Warning, Error, Critical];
}
