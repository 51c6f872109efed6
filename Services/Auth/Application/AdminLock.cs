using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Auth.Application;

/// <summary>
/// A PostgreSQL advisory lock held until the current transaction ends. Every change that could leave no active admin
/// (and the first admin's creation) takes it before looking at the other admins, so two such changes cannot each
/// count on the other's admin staying.
/// </summary>
internal static class AdminLock
{
    private const long Key = 0x616c_6164_6d69_6e; // "aladmin"

    public static Task TakeAsync(AgentLightningDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
}
