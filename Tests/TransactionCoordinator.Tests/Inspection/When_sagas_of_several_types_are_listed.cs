using System.Globalization;
using System.Net;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>Orders and tickets, three of each moved at the same instant: the pages cross tables and ties without a repeat or a gap.</summary>
public sealed class When_sagas_of_several_types_are_listed : InspectionFixture
{
    private readonly List<string> _expected = [];

    [OneTimeSetUp]
    public async Task Seed()
    {
        var at = DateTime.UtcNow.AddHours(-1);
        var orders = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var tickets = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var (earliest, latest) = (Guid.NewGuid(), Guid.NewGuid());
        await InsertAsync("inspected_orders", earliest, "Submitted", at.AddSeconds(-1));
        foreach (var id in orders)
        {
            await InsertAsync("inspected_orders", id, "Submitted", at);
        }

        foreach (var id in tickets)
        {
            await InsertAsync("inspected_tickets", id, "Opened", at);
        }

        await InsertAsync("inspected_tickets", latest, "Opened", at.AddSeconds(1));

        // Ties by type name, then id (PostgreSQL orders uuids as their text).
        _expected.Add($"InspectedOrderState:{earliest}");
        _expected.AddRange(orders.Select(o => o.ToString()).Order(StringComparer.Ordinal).Select(o => $"InspectedOrderState:{o}"));
        _expected.AddRange(tickets.Select(t => t.ToString()).Order(StringComparer.Ordinal).Select(t => $"InspectedTicketState:{t}"));
        _expected.Add($"InspectedTicketState:{latest}");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(1000)]
    public async Task Should_page_across_the_types_in_one_order(int limit)
    {
        var sagas = await AllAsync($"/sagas?limit={limit}");

        Assert.That(sagas.Select(s => $"{s.GetProperty("type").GetString()}:{s.GetProperty("correlationId").GetGuid()}"), Is.EqualTo(_expected));
    }

    [Test]
    public async Task Should_list_a_state_only_where_a_machine_has_it()
    {
        var opened = await AllAsync("/sagas?state=Opened&limit=2");
        var tickets = await AllAsync("/sagas?type=InspectedTicketState&limit=3");

        Assert.That(opened.Select(s => s.GetProperty("type").GetString()), Is.EqualTo(Enumerable.Repeat("InspectedTicketState", 4)));
        Assert.That(tickets, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Should_refuse_to_cancel_a_saga_whose_machine_has_no_cancel_command()
    {
        var ticket = Guid.Parse(_expected[^1].Split(':')[1]);

        var problem = await (await PostAsync($"/sagas/{ticket}/cancel")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.That(problem.Detail(), Does.Contain("no cancel command"));
        Assert.That(await Database.ScalarAsync<string>($"SELECT action || ':' || result FROM saga_actions WHERE correlation_id = '{ticket}'"),
            Is.EqualTo("cancel:refused"));
        var types = (await GetAsync("/sagas/types")).GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!, t => t);
        Assert.That(types["InspectedTicketState"].GetProperty("cancellable").GetBoolean(), Is.False);
    }

    /// <summary>An order has a counter besides the columns every saga has.</summary>
    private Task InsertAsync(string table, Guid id, string state, DateTime movedAt)
    {
        var at = movedAt.ToString("O", CultureInfo.InvariantCulture);
        var (column, value) = table == "inspected_orders" ? (", counter", ", 1") : ("", "");
        return Database.ExecuteAsync(
            $"INSERT INTO {table} (correlation_id, current_state, created_at, updated_at{column}) VALUES ('{id}', '{state}', '{at}', '{at}'{value})");
    }
}
