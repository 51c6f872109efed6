using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

public sealed class When_the_inspection_is_called : InspectionFixture
{
    [TestCase("GET", "/sagas")]
    [TestCase("GET", "/sagas/types")]
    [TestCase("GET", "/sagas/00000000-0000-0000-0000-000000000001")]
    [TestCase("POST", "/sagas/00000000-0000-0000-0000-000000000001/cancel")]
    [TestCase("POST", "/sagas/00000000-0000-0000-0000-000000000001/timeouts/redeliver")]
    public async Task Should_answer_only_an_operator(string method, string path)
    {
        await (await Host.SendAsync(new HttpMethod(method), path, role: null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Host.SendAsync(new HttpMethod(method), path, PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Should_answer_while_an_event_holds_the_sagas_row()
    {
        var id = Guid.NewGuid();
        await InsertAsync(id, "Submitted", TimeSpan.FromHours(1));
        // As a pessimistic event does: the row locked until its transaction ends.
        await using var holder = new NpgsqlConnection(Database.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM inspected_orders WHERE correlation_id = '{id}' FOR UPDATE", holder, transaction))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var reads = Task.WhenAll(GetAsync($"/sagas/{id}"), GetAsync("/sagas?state=Submitted"), GetAsync("/sagas/types"));
        Assert.That(await Task.WhenAny(reads, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(reads), "answered while the lock is held");

        var (detail, list) = ((await reads)[0], (await reads)[1]);
        Assert.That(detail.GetProperty("state").GetString(), Is.EqualTo("Submitted"));
        Assert.That(list.GetProperty("sagas").EnumerateArray().Select(s => s.GetProperty("correlationId").GetGuid()), Does.Contain(id));
        await transaction.RollbackAsync();
    }
}
