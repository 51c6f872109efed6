using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests;

/// <summary>Reads the dead-letter store as the operations console does.</summary>
internal static class DeadLetterLookup
{
    /// <summary>Waits until the store holds the message as undeliverable.</summary>
    public static async Task<DeadLetter> UndeliverableAsync(PlatformTestHost host, Guid messageId)
    {
        var replayer = host.Services.GetRequiredService<IDeadLetterReplayer>();
        DeadLetter? found = null;
        await Eventually.Until(async () =>
        {
            var page = await replayer.ListAsync(
                new DeadLetterFilter { Reason = DeadLetterReason.Undeliverable }, PageRequest.First(PageRequest.MaxLimit));
            var summary = page.Items.SingleOrDefault(s => s.MessageId == messageId.ToString());
            found = summary is null ? null : (await replayer.GetAsync(summary.Id))!.Letter;
            return found is not null;
        }, $"message {messageId} is an undeliverable dead letter");
        return found!;
    }
}
