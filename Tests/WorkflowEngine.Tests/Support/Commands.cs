using AgentLightning.Contracts.System;
using AgentLightning.Testing;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Waiting for what Workflow Engine did with a command sent through <see cref="Platform.SendAsync{T}"/>.</summary>
public static class Commands
{
    /// <summary>The consumer's transaction committed (the inbox marked the message): it was applied, found done, or refused.</summary>
    public static Task UntilConsumedAsync(Guid messageId) =>
        Eventually.Until(async () => await Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'") > 0,
            $"command {messageId} is consumed");

    public static async Task<CommandRejected> UntilRejectedAsync(Guid commandId)
    {
        await Eventually.Until(() => Platform.Received.All<CommandRejected>(r => r.MessageId == commandId).Count > 0,
            $"command {commandId} is rejected", TimeSpan.FromSeconds(20));
        return Platform.Received.All<CommandRejected>(r => r.MessageId == commandId)[0];
    }

    /// <summary>The refused command is kept as a "rejected" dead letter an operator can fix and replay.</summary>
    public static Task<long> RejectedLettersOf(Guid commandId) =>
        Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM dead_letters WHERE message_id = '{commandId}' AND reason = 'rejected'");
}
