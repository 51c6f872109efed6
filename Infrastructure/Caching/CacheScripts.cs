namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Every cache operation is one Lua script, so it is atomic and one round trip. Keys live under a generation
/// ("epoch") kept in Redis and in PostgreSQL; entries are "V{version}|{json}" (value), "T{version}|"
/// (deleted) or "P{version}|" (a write in progress: readers go to PostgreSQL and must not fill it).
/// KEYS[1] is always the epoch key; ARGV[1] the key prefix up to the generation number.
/// </summary>
internal static class CacheScripts
{
    /// <summary>ARGV: prefix, entity suffix. Returns {epoch, entry}; '' for missing.</summary>
    public const string Read = """
        local e = redis.call('GET', KEYS[1])
        if not e then return {'', ''} end
        return {e, redis.call('GET', ARGV[1] .. e .. ARGV[2]) or ''}
        """;

    /// <summary>ARGV: prefix, then entity suffixes. Returns {epoch, entry per suffix}; '' for missing. A page's entries in one round trip.</summary>
    public const string ReadMany = """
        local e = redis.call('GET', KEYS[1])
        if not e then return {''} end
        local r = {e}
        if #ARGV < 2 then return r end
        local keys = {}
        for i = 2, #ARGV do keys[i - 1] = ARGV[1] .. e .. ARGV[i] end
        local values = redis.call('MGET', unpack(keys))
        for i = 1, #keys do r[i + 1] = values[i] or '' end
        return r
        """;

    /// <summary>ARGV: prefix, epoch seen by the reader, ttl ms, then per entry: entity suffix, entry. <see cref="Fill"/> for many.</summary>
    public const string FillMany = """
        if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
        local filled = 0
        for i = 4, #ARGV, 2 do
          if redis.call('SET', ARGV[1] .. ARGV[2] .. ARGV[i], ARGV[i + 1], 'PX', ARGV[3], 'NX') then filled = filled + 1 end
        end
        return filled
        """;

    /// <summary>ARGV: prefix, entity suffix, epoch seen by the reader, entry, ttl ms. Fills only an empty slot.</summary>
    public const string Fill = """
        if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
        if redis.call('SET', ARGV[1] .. ARGV[3] .. ARGV[2], ARGV[4], 'PX', ARGV[5], 'NX') then return 1 end
        return 0
        """;

    /// <summary>
    /// ARGV: prefix, entity suffix, new version, pending ttl ms, type suffix. Marks the entry and the type's
    /// lists as being written. Returns the epoch, or '' when Redis has none (not yet synchronised).
    /// </summary>
    public const string Mark = """
        local e = redis.call('GET', KEYS[1])
        if not e then return '' end
        local k = ARGV[1] .. e .. ARGV[2]
        local cur = redis.call('GET', k)
        local cv = cur and tonumber(string.match(cur, '^%a(%d+)|'))
        if not cv or cv < tonumber(ARGV[3]) then
          redis.call('SET', k, 'P' .. ARGV[3] .. '|', 'PX', ARGV[4])
        end
        local base = ARGV[1] .. e .. ARGV[5]
        redis.call('INCR', base .. ':lv')
        redis.call('INCR', base .. ':lp')
        redis.call('PEXPIRE', base .. ':lp', ARGV[4])
        return e
        """;

    /// <summary>
    /// ARGV: prefix, entity suffix, version, entry, ttl ms, type suffix, epoch of the mark. Writes the committed
    /// entry unless a newer version is already there, and retires the lists the write made stale.
    /// </summary>
    public const string Complete = """
        local e = redis.call('GET', KEYS[1])
        if not e then return 0 end
        local k = ARGV[1] .. e .. ARGV[2]
        local cur = redis.call('GET', k)
        local cv = cur and tonumber(string.match(cur, '^%a(%d+)|'))
        local written = 0
        if not cv or cv <= tonumber(ARGV[3]) then
          redis.call('SET', k, ARGV[4], 'PX', ARGV[5])
          written = 1
        end
        local base = ARGV[1] .. e .. ARGV[6]
        redis.call('INCR', base .. ':lv')
        if e == ARGV[7] and redis.call('DECR', base .. ':lp') <= 0 then redis.call('DEL', base .. ':lp') end
        return written
        """;

    /// <summary>
    /// ARGV: prefix, epoch of the marks, pending ttl ms, then per mark: entity suffix, version, type suffix. Keeps
    /// the marks of a transaction that is still open alive; returns 0 if any of them was already lost (expired,
    /// filled over, or the epoch moved on), so the transaction must bump the generation instead.
    /// </summary>
    public const string Renew = """
        if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
        local alive = 1
        for i = 4, #ARGV, 3 do
          local k = ARGV[1] .. ARGV[2] .. ARGV[i]
          local cur = redis.call('GET', k)
          if cur == 'P' .. ARGV[i + 1] .. '|' then
            redis.call('PEXPIRE', k, ARGV[3])
          else
            local cv = cur and tonumber(string.match(cur, '^%a(%d+)|'))
            if not cv or cv < tonumber(ARGV[i + 1]) then alive = 0 end
          end
          if redis.call('PEXPIRE', ARGV[1] .. ARGV[2] .. ARGV[i + 2] .. ':lp', ARGV[3]) == 0 then alive = 0 end
        end
        return alive
        """;

    /// <summary>ARGV: prefix, entity suffix, version, type suffix, epoch of the mark. Undoes a mark after a rollback.</summary>
    public const string Abort = """
        if redis.call('GET', KEYS[1]) ~= ARGV[5] then return 0 end
        local k = ARGV[1] .. ARGV[5] .. ARGV[2]
        if redis.call('GET', k) == 'P' .. ARGV[3] .. '|' then redis.call('DEL', k) end
        local base = ARGV[1] .. ARGV[5] .. ARGV[4]
        redis.call('INCR', base .. ':lv')
        if redis.call('DECR', base .. ':lp') <= 0 then redis.call('DEL', base .. ':lp') end
        return 1
        """;

    /// <summary>
    /// ARGV: prefix, type suffix, list name, epoch and list version of the caller's copy. Returns {epoch, list
    /// version, writes pending, entry}; the entry is '=' when the caller's copy is still current (nothing of the
    /// type was written since), so a large list crosses the network once per change, not once per read.
    /// </summary>
    public const string ReadList = """
        local e = redis.call('GET', KEYS[1])
        if not e then return {'', '', '', ''} end
        local base = ARGV[1] .. e .. ARGV[2]
        local lv = redis.call('GET', base .. ':lv') or '0'
        local pending = redis.call('GET', base .. ':lp') or '0'
        if e == ARGV[4] and lv == ARGV[5] then return {e, lv, pending, '='} end
        return {e, lv, pending, redis.call('GET', base .. ':list:' .. lv .. ':' .. ARGV[3]) or ''}
        """;

    /// <summary>
    /// ARGV: prefix, type suffix, epoch seen, list version seen, list name, entry, ttl ms. Fills a list only if
    /// nothing was written to the type since the reader looked and no write is in progress.
    /// </summary>
    public const string FillList = """
        if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
        local base = ARGV[1] .. ARGV[3] .. ARGV[2]
        if (redis.call('GET', base .. ':lv') or '0') ~= ARGV[4] then return 0 end
        if tonumber(redis.call('GET', base .. ':lp') or '0') > 0 then return 0 end
        redis.call('SET', base .. ':list:' .. ARGV[4] .. ':' .. ARGV[5], ARGV[6], 'PX', ARGV[7])
        return 1
        """;

    /// <summary>
    /// KEYS: epoch, server (run id of the Redis server the epoch was set on). ARGV: PostgreSQL's generation, 1 if
    /// it was just taken for this call. Returns {epoch, 1} when Redis may be trusted at that epoch, else
    /// {epoch, 0}: the epoch is missing (data lost), was set on another server (restart, old snapshot, promoted
    /// replica) or is ahead of PostgreSQL, and the caller must take a generation above it.
    /// </summary>
    public const string SyncEpoch = """
        local run = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
        local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
        local g = tonumber(ARGV[1])
        local same = cur > 0 and redis.call('GET', KEYS[2]) == run
        if (same or ARGV[2] == '1') and g > cur then
          redis.call('SET', KEYS[1], ARGV[1])
          redis.call('SET', KEYS[2], run)
          return {g, 1}
        end
        if same and g == cur then return {cur, 1} end
        return {cur, 0}
        """;
}
