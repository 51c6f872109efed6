using System.Text.RegularExpressions;

namespace AgentLightning.Infrastructure.Messaging.Events;

/// <summary>
/// What a subscriber asks for: <c>topic:selector</c> with <c>*</c> as a wildcard in either part. It matches an event
/// whose channel it matches (<c>task:completed</c>, <c>agent:*</c>) or whose <c>topic:id</c> it matches
/// (<c>workflow:{id}</c>: every event of that workflow). <c>*</c> alone matches everything.
/// </summary>
public sealed partial class ChannelPattern : IEquatable<ChannelPattern>
{
    public const int MaxLength = 200;

    private readonly Regex _topic;
    private readonly Regex _selector;

    private ChannelPattern(string text, string topicPart, string selectorPart)
    {
        Text = text;
        _topic = Glob(topicPart);
        _selector = Glob(selectorPart);
    }

    public string Text { get; }

    /// <exception cref="ArgumentException">The text is not a pattern; the message says why, for a 400.</exception>
    public static ChannelPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"A channel pattern has 1 to {MaxLength} characters.", nameof(text));
        }

        var parts = trimmed == "*" ? ["*", "*"] : trimmed.Split(':');
        if (parts.Length != 2 || !Part().IsMatch(parts[0]) || !Part().IsMatch(parts[1]))
        {
            throw new ArgumentException(
                $"'{text}' is not a channel pattern: use topic:selector with letters, digits, '-' and '*', e.g. task:completed, agent:*, workflow:{{id}}.",
                nameof(text));
        }

        return new ChannelPattern(trimmed, parts[0], parts[1]);
    }

    /// <summary>Runs per event and subscriber (WebSocket fan-out, webhook matching): spans, no lowered copies.</summary>
    public bool Matches(PlatformEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var channel = e.Channel.AsSpan();
        var colon = channel.IndexOf(':');
        if (!_topic.IsMatch(channel[..colon]))
        {
            return false;
        }

        if (_selector.IsMatch(channel[(colon + 1)..]))
        {
            return true;
        }

        foreach (var key in e.Keys)
        {
            if (_selector.IsMatch(key))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(ChannelPattern? other) => other is not null && Text == other.Text;

    public override bool Equals(object? obj) => Equals(obj as ChannelPattern);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;

    private static Regex Glob(string part) =>
        new("^" + Regex.Escape(part).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    [GeneratedRegex("^[a-z0-9*-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
