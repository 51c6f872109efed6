using AgentLightning.AgentDesigner.Tests.Consumers;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLightning.AgentDesigner.Tests.Application;

/// <summary>
/// A lost race is an answer (HTTP 409, a retried or rejected command), not a fault. Regression: EF Core logged
/// the failed save as an error with a stack trace, beside the platform's own line for the conflict.
/// </summary>
public sealed class When_a_write_loses_a_race : CommandFixture
{
    [Test]
    public async Task Should_not_log_an_error_for_an_expected_version_conflict()
    {
        var id = await CreateAsync();

        // Another writer commits between this update's read and its save: the save finds the version changed.
        Assert.ThrowsAsync<DataConflictException>(() => Designer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, agent =>
        {
            Execute($"UPDATE agents SET version = version + 1 WHERE id = '{id}'");
            agent.Name = "Late";
        }, expectedVersion: 1)));

        Assert.That(EfWarningsAndErrors(), Is.Empty);
    }

    [Test]
    public void Should_not_log_an_error_for_an_id_taken_meanwhile()
    {
        var id = Samples.AgentId();

        Assert.ThrowsAsync<DataConflictException>(() => Designer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(
            new Agent { Id = id, Name = "Second", Model = "m" },
            beforeCommit: (_, _) =>
            {
                Execute($"INSERT INTO agents (id, name, model, status, config, capabilities, version, created_at, updated_at) " +
                    $"VALUES ('{id}', 'First', 'm', 'active', '{{}}', '{{}}', 1, now(), now())");
                return Task.CompletedTask;
            })));

        Assert.That(EfWarningsAndErrors(), Is.Empty);
    }

    private async Task<string> CreateAsync()
    {
        var id = Samples.AgentId();
        await Designer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(new Agent { Id = id, Name = "Test Agent", Model = "m" }));
        return id;
    }

    private IEnumerable<string> EfWarningsAndErrors() => Logs.Entries
        .Where(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level >= LogLevel.Warning)
        .Select(e => $"{e.Level} {e.Category}: {e.Message}");
}
