using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>
/// Password logins. Each attempt takes its place in the user's failure count by one conditional UPDATE before its
/// password is checked, so a burst of guesses gets no more checks than the limit and every instance sees the same
/// count; the attempt that reaches the limit locks the account for the lockout duration, a success clears both.
/// Every refusal answers the same, and an unknown, inactive or locked user costs one hash verification like any
/// other. The password is never logged.
/// </summary>
internal sealed partial class Logins(
    AgentLightningDbContext db, Passwords passwords, Sessions sessions, IOptions<AuthServerOptions> options, TimeProvider clock, ILogger<Logins> logger)
{
    public async Task<TokenResponse?> LoginAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var counted = user is { Active: true } && await CountAttemptAsync(user.Id, now, cancellationToken);
        var verified = passwords.Verify(user, password);
        if (user is null || !counted)
        {
            LogRefused(logger, userName, user is null ? "unknown user" : user.Active ? "locked" : "inactive");
            return null;
        }

        if (verified == PasswordVerificationResult.Failed)
        {
            LogRefused(logger, userName, "wrong password");
            return null;
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwords.Hash(user, password);
        }

        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), cancellationToken);
        return await sessions.StartAsync(user, cancellationToken);
    }

    /// <summary>Counts the attempt unless the account is locked; false when it is.</summary>
    private async Task<bool> CountAttemptAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFailedLogins;
        var lockedUntil = now + options.Value.LockoutDuration;

        // Both SETs read the row as it was, so the attempt that reaches the limit locks and starts the count again.
        return await db.Users.Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= now)).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockedUntil, u => u.FailedLoginCount + 1 >= limit ? lockedUntil : u.LockedUntil)
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= limit ? 0 : u.FailedLoginCount + 1), cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login refused for {UserName}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string userName, string reason);
}
