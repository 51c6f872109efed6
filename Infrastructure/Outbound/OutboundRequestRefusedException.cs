namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// A guarded client refused to connect. SocketsHttpHandler wraps it in an HttpRequestException, so callers
/// look for it with <see cref="Find"/> and record the attempt as failed with <see cref="Exception.Message"/>.
/// </summary>
public sealed class OutboundRequestRefusedException : HttpRequestException
{
    public OutboundRequestRefusedException(string message)
        : base(HttpRequestError.ConnectionError, message)
    {
    }

    public OutboundRequestRefusedException()
    {
    }

    public OutboundRequestRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The refusal behind a failed request, however deeply the handlers wrapped it; null for other failures.</summary>
    public static OutboundRequestRefusedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRequestRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
