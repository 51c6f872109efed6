using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Auth.Application;

/// <summary>
/// Creates the user "admin" on start when no active admin exists, with the password from
/// AGENTLIGHTNING_ADMIN_PASSWORD. Runs after the migrations (they run in the Starting phase); an advisory lock
/// held by the transaction makes two instances starting together create one admin between them.
/// </summary>
internal sealed partial class FirstAdmin(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<FirstAdmin> logger) : IHostedService
{
    public const string UserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserCommands>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdminLock.TakeAsync(db, cancellationToken);
        if (await users.AnyActiveAdminAsync(cancellationToken))
        {
            return;
        }

        var password = configuration[AuthServerOptions.AdminPasswordVariable];
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"There is no active admin, so Auth creates the user '{UserName}' on start: set {AuthServerOptions.AdminPasswordVariable} to its password " +
                "(./run.sh generates one into .local/dev.env).");
        }

        if (await db.Users.AnyAsync(u => u.UserName == UserName, cancellationToken))
        {
            throw new InvalidOperationException(
                $"There is no active admin, and the user '{UserName}' exists but is not an active admin: restore it in the database.");
        }

        var events = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await users.CreateAsync(UserName, "admin@agent-lightning.local", password, UserRoles.Admin, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCreated(logger, UserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin '{UserName}' with the password from AGENTLIGHTNING_ADMIN_PASSWORD")]
    private static partial void LogCreated(ILogger logger, string userName);
}
