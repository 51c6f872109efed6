namespace AgentLightning.Infrastructure.Outbound;

/// <summary>What a URL may look like before any address is considered.</summary>
internal static class OutboundUrlRules
{
    public static OutboundVerdict Check(Uri target)
    {
        if (!target.IsAbsoluteUri)
        {
            return OutboundVerdict.Refused("The target must be an absolute URL.");
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return OutboundVerdict.Refused($"The scheme '{target.Scheme}' is refused: only http and https are allowed.");
        }

        // user:pass@host hides the real host from a reader and leaks credentials into logs.
        if (target.UserInfo.Length > 0)
        {
            return OutboundVerdict.Refused("User information in the URL is refused: pass credentials in a header.");
        }

        return OutboundVerdict.Allowed;
    }
}
