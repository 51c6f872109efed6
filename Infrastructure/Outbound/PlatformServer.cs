using System.Net;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>Where one of the platform's servers listens; the host is an address or a name.</summary>
internal sealed record PlatformServer(string Host, int Port)
{
    /// <summary>"host", "host:port", "[v6]:port" or a bare IPv6 address; null when it is none of these.</summary>
    public static PlatformServer? Parse(string text, int defaultPort)
    {
        var trimmed = text.Trim();
        if (trimmed.Count(c => c == ':') > 1 && !trimmed.StartsWith('['))
        {
            return IPAddress.TryParse(trimmed, out var address) ? new(address.ToString(), defaultPort) : null;
        }

        return Uri.TryCreate("tcp://" + trimmed, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/"
            ? new(uri.Host, uri.Port < 0 ? defaultPort : uri.Port)
            : null;
    }

    /// <summary>A URL's host and port (the scheme's when it names none); "*" and "+" (every address, in "urls") are this machine.</summary>
    public static PlatformServer? FromUrl(string url) =>
        Uri.TryCreate(url.Trim().Replace("://*", "://" + ThisMachine.Name).Replace("://+", "://" + ThisMachine.Name), UriKind.Absolute, out var uri)
            && uri.Host.Length > 0 && uri.Port > 0
            ? new(uri.Host, uri.Port)
            : null;
}
