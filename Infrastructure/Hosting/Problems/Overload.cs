using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Hosting.Problems;

/// <summary>
/// What a service under too much load (or with a store gone slow) throws besides PostgreSQL's outages: nothing is wrong
/// with the request, and it may succeed in a moment, so the answer is 503 with Retry-After, never a 500.
/// </summary>
internal static class Overload
{
    /// <summary>Long enough for a pool or a breaker to recover, short enough not to hold a client back for nothing.</summary>
    public const string RetryAfterSeconds = "1";

    public static bool IsTransient(Exception exception) => exception switch
    {
        // Redis timed out or dropped the connection, or a resilience pipeline gave up (its timeout, an open breaker).
        RedisException or TimeoutRejectedException or BrokenCircuitException => true,

        // Cancelled though the client did not go away (that is a 499, handled before): a timeout of the server's own,
        // or the service stopping.
        OperationCanceledException => true,
        _ => false,
    };
}
