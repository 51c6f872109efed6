namespace AgentLightning.DeadLetters.Tests;

/// <summary>Always fails: its consumer throws on every attempt.</summary>
public sealed record DoomedCommand(Guid Id, string Text);

/// <summary>Fails while the switch is on, or when its text says "bad".</summary>
public sealed record SwitchedCommand(Guid Id, string Text);
