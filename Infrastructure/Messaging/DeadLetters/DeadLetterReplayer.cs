using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Operator actions, each in one transaction that holds the letter's row lock: two operators cannot replay the
/// same letter twice. The broker confirms a replay before the transaction commits; should the commit then fail,
/// the letter stays pending and a second replay carries the same MessageId, which the inbox recognises.
/// </summary>
internal sealed class DeadLetterReplayer(
    IDbContextFactory<AgentLightningDbContext> contexts, ReplayPublisher publisher, TimeProvider time) : IDeadLetterReplayer
{
    private const string EntityType = "DeadLetter";

    /// <summary>Bounds the publish and the record of a replay, which go on without the caller.</summary>
    private static readonly TimeSpan UnattendedTimeout = TimeSpan.FromSeconds(30);

    public Task<Page<DeadLetterSummary>> ListAsync(DeadLetterFilter filter, PageRequest page, CancellationToken cancellationToken = default) =>
        DeadLetterListing.PageAsync(contexts, filter, page, cancellationToken);

    public async Task<DeadLetterDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var letter = await db.Set<DeadLetter>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null)
        {
            return null;
        }

        var actions = await db.Set<DeadLetterAction>().AsNoTracking()
            .Where(a => a.DeadLetterId == id).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return new DeadLetterDetails(letter, actions);
    }

    public Task<DeadLetter> RetryAsync(Guid id, string actor, CancellationToken cancellationToken = default) =>
        ReplayAsync(id, actor, null, cancellationToken);

    public Task<DeadLetter> RetryEditedAsync(Guid id, string newBody, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newBody);
        return ReplayAsync(id, actor, Encoding.UTF8.GetBytes(newBody), cancellationToken);
    }

    public Task<DeadLetter> ArchiveAsync(Guid id, string actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, DeadLetterAction.Archive, cancellationToken, (_, letter) =>
        {
            if (letter.Status == DeadLetterStatus.Archived)
            {
                throw Conflict(letter, "is already archived");
            }

            var detail = new { previousStatus = letter.Status };
            letter.Status = DeadLetterStatus.Archived;
            return Task.FromResult<object>(detail);
        });

    private Task<DeadLetter> ReplayAsync(Guid id, string actor, byte[]? newBody, CancellationToken cancellationToken) =>
        ActAsync(id, actor, newBody is null ? DeadLetterAction.Retry : DeadLetterAction.EditAndRetry, cancellationToken, async (db, letter) =>
        {
            if (letter.Status != DeadLetterStatus.Pending)
            {
                throw Conflict(letter, $"is {letter.Status}; only a pending dead letter can be retried");
            }

            // Sent again, it would be absorbed by the inbox at best, and only within the duplicate-detection window.
            if (await AppliedMessages.AlreadyAppliedAsync(db, letter, cancellationToken))
            {
                letter.Status = DeadLetterStatus.AlreadyApplied;
                return new { outcome = "already-applied", replayCount = letter.ReplayCount };
            }

            var body = newBody ?? letter.Body;
            var replayCount = letter.ReplayCount + 1;
            // Not the caller's token from here on: a frame may reach the broker before a client disconnects, and the
            // replay must then wait for the confirm and be recorded, or the letter stays pending for a message sent.
            using var publish = new CancellationTokenSource(UnattendedTimeout);
            await publisher.PublishAsync(letter, body, replayCount, publish.Token);
            object detail = newBody is null
                ? new { replayCount, bodySha256 = Sha256(body) }
                : new { replayCount, oldBodySha256 = Sha256(letter.Body), newBodySha256 = Sha256(body) };
            letter.Body = body;
            letter.Status = DeadLetterStatus.Replayed;
            letter.ReplayCount = replayCount;
            return detail;
        });

    private async Task<DeadLetter> ActAsync(
        Guid id, string actor, string action, CancellationToken cancellationToken, Func<AgentLightningDbContext, DeadLetter, Task<object>> act)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var letter = (await db.Set<DeadLetter>()
                .FromSql($"SELECT * FROM dead_letters WHERE id = {id} FOR UPDATE")
                .ToListAsync(cancellationToken))
            .SingleOrDefault() ?? throw new EntityNotFoundException(EntityType, id.ToString());

        var detail = await act(db, letter);

        // A replay has been published by now: it is recorded even if the caller has gone (an HTTP client that
        // disconnected), else the letter would stay pending for a message that was sent.
        using var record = new CancellationTokenSource(UnattendedTimeout);
        var now = time.GetUtcNow();
        letter.UpdatedAt = now;
        db.Add(new DeadLetterAction
        {
            DeadLetterId = id,
            Action = action,
            Actor = actor,
            At = now,
            Detail = JsonSerializer.Serialize(detail, DeadLetterJson.Options),
        });
        await db.SaveChangesAsync(record.Token);
        await transaction.CommitAsync(record.Token);
        return letter;
    }

    private static DataConflictException Conflict(DeadLetter letter, string reason) => new(EntityType, letter.Id.ToString(), reason);

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
