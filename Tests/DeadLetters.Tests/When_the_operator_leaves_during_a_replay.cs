using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// Regression: the replay recorded itself with the HTTP request's token, after the broker had confirmed it; a
/// client that disconnected then left the letter pending and the replay unrecorded, for a message that was sent.
/// </summary>
public sealed class When_the_operator_leaves_during_a_replay : DeadLetterFixture
{
    private readonly DisconnectBeforeRecord _disconnect = new();

    protected override bool StartsServiceAtSetUp => false;

    [Test]
    public async Task Should_record_the_replay_the_broker_confirmed()
    {
        Service = await StartServiceAsync(Database.ConnectionString, b => b.Services.AddSingleton<IInterceptor>(_disconnect));
        Switch.Failing = true;
        var messageId = Guid.NewGuid();
        await SendAsync(SwitchedQueue, new SwitchedCommand(messageId, "leave early"), messageId);
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);
        Switch.Failing = false;

        using var request = new CancellationTokenSource();
        _disconnect.Request = request;
        try
        {
            await Replayer.RetryAsync(letter.Id, "alice", request.Token);
        }
        catch (OperationCanceledException)
        {
            // What the client sees does not matter: it has gone.
        }

        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the replayed message is consumed");
        var details = (await Replayer.GetAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(details.Letter.Status, Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(details.Actions.Select(a => a.Action), Is.EqualTo(new[] { DeadLetterAction.Retry }));
        });
    }

    /// <summary>Cancels the request when the replay is about to be recorded: the broker has confirmed it by then.</summary>
    private sealed class DisconnectBeforeRecord : SaveChangesInterceptor
    {
        public CancellationTokenSource? Request { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Request is { } request && eventData.Context!.ChangeTracker.Entries<DeadLetterAction>().Any())
            {
                await request.CancelAsync();
            }

            return result;
        }
    }
}
