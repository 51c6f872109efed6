using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>
/// Password logins. Failures are counted in the user's row by one UPDATE, so every instance sees the same count;
/// reaching the limit locks the account for the lockout duration. Every refusal answers the same, and an unknown
/// user costs one hash verification like a known one. The password is never logged.
/// </summary>
internal sealed partial class Logins(
    AgentLightningDbContext db, Passwords passwords, Sessions sessions, IOptions<AuthServerOptions> options, TimeProvider clock, ILogger<Logins> logger)
{
    public async Task<TokenResponse?> LoginAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var verified = passwords.Verify(user, password);
        if (user is null || !user.Active || user.LockedUntil > now)
        {
            LogRefused(logger, userName, user is null ? "unknown user" : user.Active ? "locked" : "inactive");
            return null;
        }

        if (verified == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(user.Id, now, cancellationToken);
            LogRefused(logger, userName, "wrong password");
            return null;
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwords.Hash(user, password);
        }

        user.FailedLoginCount = 0;
        user.LockedUntil = null;
        return await sessions.StartAsync(user, cancellationToken);
    }

    private Task RecordFailureAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFailedLogins;
        var lockedUntil = now + options.Value.LockoutDuration;

        // Both SETs read the row as it was, so the failure that reaches the limit locks and starts the count again.
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockedUntil, u => u.FailedLoginCount + 1 >= limit ? lockedUntil : u.LockedUntil)
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= limit ? 0 : u.FailedLoginCount + 1), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login refused for {UserName}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string userName, string reason);
}
