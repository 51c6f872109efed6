namespace AgentLightning.Infrastructure.Outbound;

/// <summary>What the platform may call outside itself (section "Outbound"). The defaults refuse everything internal.</summary>
public sealed class OutboundGuardOptions
{
    public const string Section = "Outbound";

    /// <summary>Development only: a receiver on the developer's machine. The platform's ports stay refused.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7. Link-local (cloud metadata) stays refused.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>CIDR networks allowed whatever their kind, e.g. "10.20.0.0/16" for one partner's VPN.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>
    /// Ports of the platform's services on this machine, refused on loopback and on this machine's own addresses even
    /// when loopback is allowed. Configured ports are added to these defaults (configuration binding appends). The
    /// servers in this process's own configuration (database, cache, broker, platform URLs) are refused without being listed.
    /// </summary>
    public List<int> PlatformPorts { get; set; } = [.. Enumerable.Range(8000, 9)];

    /// <summary>Host:port pairs where platform services listen elsewhere (e.g. "10.0.3.7:8002", "search.internal:9200"); always refused, a name as it resolves at each check.</summary>
    public List<string> PlatformEndpoints { get; set; } = [];

    /// <summary>Redirects a guarded client follows; each one connects through the same check. 0 disables them.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>How long a pooled connection lives: a name's new addresses are checked again on the next connection.</summary>
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
