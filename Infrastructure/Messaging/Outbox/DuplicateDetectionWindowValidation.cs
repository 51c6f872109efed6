using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Refuses to start with a duplicate-detection window shorter than the longest automatic path that can bring a
/// message back, plus a margin: past the window the inbox has forgotten the MessageId and the duplicate takes
/// effect again. The outbox's own path is computed from the options being validated.
/// </summary>
internal sealed class DuplicateDetectionWindowValidation(IEnumerable<RedeliveryPath> paths) : IValidateOptions<OutboxOptions>
{
    /// <summary>For what the spans do not count: clock skew between hosts, a slow commit, a long consumer.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    /// <summary>How long a message may have been in doubt before a re-send risks outliving the inbox's memory of it.</summary>
    public static TimeSpan ForgottenAfter(OutboxOptions options) => options.DuplicateDetectionWindow - Margin;

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var longest = paths
            .Append(new RedeliveryPath("the outbox's sends of a message until it gives up (Messaging:Outbox)", RedeliverySpans.Outbox(options)))
            .MaxBy(p => p.Span)!;
        return options.DuplicateDetectionWindow >= longest.Span + Margin
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Messaging:Outbox:DuplicateDetectionWindow ({options.DuplicateDetectionWindow:c}) must cover the longest path that can bring a " +
                $"message back, {longest.Name}: {longest.Span:c}, plus {Margin.TotalMinutes} minutes. Raise the window or shorten the path.");
    }
}
