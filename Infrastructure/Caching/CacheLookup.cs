namespace AgentLightning.Infrastructure.Caching;

public enum CacheLookupState
{
    /// <summary>The cached value is current.</summary>
    Hit,

    /// <summary>The aggregate was deleted; no need to ask PostgreSQL.</summary>
    Deleted,

    /// <summary>Not cached: load it and fill the cache with <see cref="CacheLookup{T}"/> as the token.</summary>
    Miss,

    /// <summary>Not usable now (write in progress, Redis down or not yet trusted): load it, do not fill.</summary>
    Bypass,
}

/// <summary>The answer of the cache, and the token that lets a later fill check nothing changed meanwhile.</summary>
public readonly record struct CacheLookup<T>(CacheLookupState State, T? Value, string Epoch, string ListVersion)
{
    public static CacheLookup<T> Bypass => new(CacheLookupState.Bypass, default, "", "");
}
