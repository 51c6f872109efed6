using System.Data.Common;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// Regressions: the replay waited for the broker's confirm, then recorded itself, with the HTTP request's token; a
/// client that disconnected meanwhile left the letter pending and the replay unrecorded, for a message that was sent.
/// </summary>
public sealed class When_the_operator_leaves_during_a_replay : DeadLetterFixture
{
    private readonly DisconnectBeforeRecord _beforeRecord = new();
    private readonly DisconnectAfterInboxCheck _beforePublish = new();

    protected override bool StartsServiceAtSetUp => false;

    [OneTimeSetUp]
    public async Task StartWithDisconnects() =>
        Service = await StartServiceAsync(Database.ConnectionString, b =>
        {
            b.Services.AddSingleton<IInterceptor>(_beforeRecord);
            b.Services.AddSingleton<IInterceptor>(_beforePublish);
        });

    [Test]
    public Task Should_record_the_replay_the_broker_confirmed() => ReplayAndLeaveAsync(request => _beforeRecord.Request = request);

    /// <summary>Cancelled after the inbox check, the last step before the publish.</summary>
    [Test]
    public Task Should_send_the_replay_and_record_it_when_the_caller_leaves_before_the_confirm() =>
        ReplayAndLeaveAsync(request => _beforePublish.Request = request);

    private async Task ReplayAndLeaveAsync(Action<CancellationTokenSource> arm)
    {
        Switch.Failing = true;
        var messageId = Guid.NewGuid();
        await SendAsync(SwitchedQueue, new SwitchedCommand(messageId, "leave early"), messageId);
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);
        Switch.Failing = false;

        using var request = new CancellationTokenSource();
        arm(request);
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

    /// <summary>Cancels the request, once, when the replay is about to be recorded: the broker has confirmed it by then.</summary>
    private sealed class DisconnectBeforeRecord : SaveChangesInterceptor
    {
        public CancellationTokenSource? Request { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Request is { } request && eventData.Context!.ChangeTracker.Entries<DeadLetterAction>().Any())
            {
                Request = null;
                await request.CancelAsync();
            }

            return result;
        }
    }

    /// <summary>Cancels the request, once, when the replay's inbox check has read its answer.</summary>
    private sealed class DisconnectAfterInboxCheck : DbCommandInterceptor
    {
        public CancellationTokenSource? Request { get; set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Request is { } request && command.CommandText.Contains("inbox_state", StringComparison.Ordinal))
            {
                Request = null;
                await request.CancelAsync();
            }

            return result;
        }
    }
}
