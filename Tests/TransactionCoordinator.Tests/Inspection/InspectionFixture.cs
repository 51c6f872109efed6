using System.Globalization;
using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>A coordinator with the test order machine, on a scratch database and queues of the fixture's own.</summary>
public abstract class InspectionFixture
{
    private readonly ScratchQueues _queues = new();

    protected ScratchDatabase Database { get; private set; } = null!;

    protected InspectionHost Host { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartCoordinator()
    {
        Database = await ScratchDatabase.CreateAsync();
        Host = await InspectionHost.StartAsync(Database.ConnectionString, _queues.Prefix);
    }

    [OneTimeTearDown]
    public async Task StopCoordinator()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _queues.DisposeAsync();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await Host.SendAsync(HttpMethod.Get, path, PlatformRoles.Operator)).JsonAsync(expected);

    protected Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Host.SendAsync(HttpMethod.Post, path, PlatformRoles.Operator, body is null ? null : System.Net.Http.Json.JsonContent.Create(body));

    /// <summary>A stored saga as the repository writes one, without running the machine.</summary>
    protected Task InsertAsync(Guid id, string state, TimeSpan movedAgo, bool finished = false, string? outcome = null) =>
        Database.ExecuteAsync($"""
            INSERT INTO inspected_orders (correlation_id, current_state, created_at, updated_at, finished_at, counter, outcome)
            VALUES ('{id}', '{state}', now() - interval '{movedAgo.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds' - interval '1 minute',
                    now() - interval '{movedAgo.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds',
                    {(finished ? $"now() - interval '{movedAgo.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds'" : "NULL")}, 1,
                    {(outcome is null ? "NULL" : $"'{outcome}'")})
            """);

    /// <summary>"State:counter", or "" when there is no row.</summary>
    protected Task<string> OrderAsync(Guid id) =>
        Database.ScalarAsync<string>($"SELECT coalesce((SELECT current_state || ':' || counter FROM inspected_orders WHERE correlation_id = '{id}'), '')");

    /// <summary>Every page of a list, following next; <paramref name="path"/> has a query already.</summary>
    protected async Task<List<JsonElement>> AllAsync(string path)
    {
        var items = new List<JsonElement>();
        for (string? next = null; ;)
        {
            var page = await GetAsync(next is null ? path : $"{path}&after={next}");
            var sagas = page.GetProperty("sagas").EnumerateArray().ToList();
            Assert.That(page.GetProperty("count").GetInt32(), Is.EqualTo(sagas.Count));
            items.AddRange(sagas);
            if ((next = page.GetProperty("next").GetString()) is null)
            {
                return items;
            }
        }
    }
}
