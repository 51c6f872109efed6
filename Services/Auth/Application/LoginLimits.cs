using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>
/// Login attempts per client address (the rate limiter middleware's "login" policy) and per user name (checked
/// in the handler, which alone knows the name). Both are fixed one-minute windows per instance; the lockout
/// (in the database) is what holds across instances.
/// </summary>
internal sealed class LoginLimits : IDisposable
{
    public const string PerAddressPolicy = "login";

    private readonly PartitionedRateLimiter<string> _perUser;

    public LoginLimits(IOptions<AuthServerOptions> options)
    {
        var permits = options.Value.LoginsPerMinutePerUser;
        _perUser = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ => Window(permits)));
    }

    public static void AddPerAddress(RateLimiterOptions limiter, AuthServerOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(PerAddressPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Window(options.LoginsPerMinutePerAddress)));
    }

    public bool TryAcquire(string userName)
    {
        using var lease = _perUser.AttemptAcquire(userName.ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _perUser.Dispose();

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
