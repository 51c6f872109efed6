using System.Diagnostics;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// What the DbContext's current transaction did to the cache, so that at its commit either every marker it set
/// is still alive (renewed every third of <see cref="CacheOptions.PendingTtl"/> while the transaction is open,
/// whatever its length) or the transaction bumps the cache generation (<see cref="CacheMarkInterceptor"/>).
/// Renewal stops when the transaction ends or the context is disposed; a dead process renews nothing, so its
/// markers expire after PendingTtl.
/// </summary>
internal sealed class TransactionCacheMarks
{
    private readonly Lock _lock = new();
    private readonly List<CacheMark> _marks = [];
    private EntityCache? _cache;
    private Timer? _renewal;
    private bool _renewing;
    private bool _mustBump;
    private bool _bumped;
    private long _aliveUntil;

    // Most transactions (outbox, inbox, sagas) never touch the cache: they pass without taking the lock.
    private volatile bool _used;

    /// <summary>A write of this transaction could not mark Redis.</summary>
    public void Unmarked()
    {
        lock (_lock)
        {
            _mustBump = true;
            _used = true;
        }
    }

    /// <summary>Only a caller's open transaction is renewed: a save on its own commits within moments.</summary>
    public void Marked(EntityCache cache, CacheMark mark, long markedAt, bool renew)
    {
        lock (_lock)
        {
            // Marks of an earlier epoch no longer keep anyone off: only a bump covers them.
            _mustBump |= _marks.Count > 0 && _marks[0].Epoch != mark.Epoch;
            var until = markedAt + Ticks(cache.PendingTtl);
            _aliveUntil = _marks.Count == 0 ? until : Math.Min(_aliveUntil, until);
            _marks.Add(mark);
            _cache = cache;
            _used = true;
            if (renew && _renewal is null)
            {
                var period = cache.PendingTtl / 3;
                _renewal = new Timer(_ => _ = RenewAsync(), null, period, period);
            }
        }
    }

    /// <summary>The write's save failed and its mark was undone.</summary>
    public void Aborted(CacheMark mark)
    {
        lock (_lock)
        {
            _marks.Remove(mark);
        }
    }

    /// <summary>At the commit: true (and remembered) unless every marker is certainly alive for a while longer.</summary>
    public bool MustBump()
    {
        if (!_used)
        {
            return false;
        }

        lock (_lock)
        {
            // A process that no longer trusts Redis at the marks' epoch cannot vouch for them (another process may
            // have filled the old row under a newer epoch), and its cache update after the commit may be skipped.
            _bumped = _mustBump || (_marks.Count > 0 &&
                (Stopwatch.GetTimestamp() > _aliveUntil - Ticks(_cache!.PendingTtl / 3) || !_cache.IsTrustedAt(_marks[0].Epoch)));
            return _bumped;
        }
    }

    /// <summary>Forgets the transaction; true if its commit bumped the generation.</summary>
    public bool End()
    {
        if (!_used)
        {
            return false;
        }

        lock (_lock)
        {
            var bumped = _bumped;
            (_used, _bumped) = (false, false);
            _renewal?.Dispose();
            _renewal = null;
            _marks.Clear();
            _mustBump = false;
            _cache = null;
            return bumped;
        }
    }

    private async Task RenewAsync()
    {
        EntityCache cache;
        CacheMark[] marks;
        lock (_lock)
        {
            if (_renewal is null || _renewing || _marks.Count == 0 || _mustBump)
            {
                return;
            }

            (cache, marks, _renewing) = (_cache!, [.. _marks], true);
        }

        var started = Stopwatch.GetTimestamp();
        bool? alive = null;
        try
        {
            alive = await cache.RenewAsync(marks);
        }
        finally
        {
            lock (_lock)
            {
                _renewing = false;
                if (alive == true && _marks.Count > 0)
                {
                    _aliveUntil = started + Ticks(cache.PendingTtl);
                }

                // Unknown (Redis not usable now) leaves the deadline as it was: the commit decides by it.
                _mustBump |= alive == false && _marks.Count > 0;
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
