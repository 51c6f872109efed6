using System.Globalization;
using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>Eleven stored sagas: five submitted two hours ago, two paid a minute ago, one timed out 30 min ago, three finished three hours ago.</summary>
public sealed class When_sagas_are_listed : InspectionFixture
{
    private readonly List<Guid> _submitted = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];

    [OneTimeSetUp]
    public async Task Seed()
    {
        for (var i = 0; i < _submitted.Count; i++)
        {
            await InsertAsync(_submitted[i], "Submitted", TimeSpan.FromHours(2) - TimeSpan.FromSeconds(i));
        }

        await InsertAsync(Guid.NewGuid(), "Paid", TimeSpan.FromMinutes(1));
        await InsertAsync(Guid.NewGuid(), "Paid", TimeSpan.FromMinutes(1));
        await InsertAsync(Guid.NewGuid(), "TimedOut", TimeSpan.FromMinutes(30));
        for (var i = 0; i < 3; i++)
        {
            await InsertAsync(Guid.NewGuid(), "Final", TimeSpan.FromHours(3), finished: true);
        }
    }

    [Test]
    public async Task Should_page_a_state_least_recently_moved_first_without_repeating_or_missing_one()
    {
        var sagas = await AllAsync("/sagas?type=InspectedOrderState&state=Submitted&limit=2");

        Assert.That(sagas.Select(s => s.GetProperty("correlationId").GetGuid()), Is.EqualTo(_submitted), "oldest first, each once");
        Assert.That(sagas.Select(s => s.GetProperty("state").GetString()), Is.All.EqualTo("Submitted"));
        Assert.That(sagas[0].GetProperty("type").GetString(), Is.EqualTo("InspectedOrderState"));
    }

    [Test]
    public async Task Should_list_as_stuck_only_unfinished_sagas_not_moved_for_longer_than_asked()
    {
        var hour = await AllAsync("/sagas?olderThan=01:00:00&limit=3");
        var tenMinutes = await AllAsync("/sagas?olderThan=PT10M");

        Assert.That(hour.Select(s => s.GetProperty("correlationId").GetGuid()), Is.EqualTo(_submitted), "the finished ones are older but not stuck");
        Assert.That(tenMinutes.Select(s => s.GetProperty("state").GetString()), Is.EqualTo(Enumerable.Repeat("Submitted", 5).Append("TimedOut")));
    }

    [Test]
    public async Task Should_filter_by_the_last_move_whatever_the_state()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-90).ToString("O", CultureInfo.InvariantCulture);

        var sagas = await AllAsync($"/sagas?updatedBefore={Uri.EscapeDataString(before)}&limit=4");

        Assert.That(sagas.Select(s => s.GetProperty("state").GetString()), Is.EqualTo(new[] { "Final", "Final", "Final" }.Concat(Enumerable.Repeat("Submitted", 5))));
        Assert.That(sagas.Take(3).Select(s => s.GetProperty("finishedAt").ValueKind), Is.All.EqualTo(JsonValueKind.String));
        Assert.That(await AllAsync("/sagas?limit=1000"), Has.Count.EqualTo(11));
    }

    [Test]
    public async Task Should_describe_the_machine_and_count_its_instances_per_state()
    {
        var types = await GetAsync("/sagas/types");

        var order = types.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "InspectedOrderState");
        var transitions = order.GetProperty("transitions").EnumerateArray()
            .Select(t => $"{t.GetProperty("from").GetString()}-{t.GetProperty("event").GetString()}->{t.GetProperty("to").GetString()}").ToList();
        var instances = order.GetProperty("instances");
        Assert.Multiple(() =>
        {
            Assert.That(order.GetProperty("states").EnumerateArray().Select(s => s.GetString()),
                Is.SupersetOf(new[] { "Initial", "Submitted", "Paid", "TimedOut", "Cancelled", "Final" }));
            Assert.That(order.GetProperty("events").EnumerateArray().Select(s => s.GetString()), Is.SupersetOf(new[] { "Submit", "Pay", "Ship", "Cancel" }));
            Assert.That(transitions, Is.SupersetOf(new[]
            {
                "Initial-Submit->Submitted", "Submitted-Pay->Paid", "Submitted-PaymentTimeout.Received->TimedOut", "Submitted-Cancel->Cancelled",
                "Paid-Ship->Final", "Submitted-Submit->",
            }));
            Assert.That(order.GetProperty("cancellable").GetBoolean(), Is.True);
            Assert.That(instances.GetProperty("Submitted").GetInt64(), Is.EqualTo(5));
            Assert.That(instances.GetProperty("Paid").GetInt64(), Is.EqualTo(2));
            Assert.That(instances.GetProperty("TimedOut").GetInt64(), Is.EqualTo(1));
            Assert.That(instances.GetProperty("Final").GetInt64(), Is.EqualTo(3));
            Assert.That(instances.GetProperty("Cancelled").GetInt64(), Is.Zero);
            Assert.That(order.GetProperty("estimated").GetArrayLength(), Is.Zero, "a small table is counted exactly");
        });
    }

    [TestCase("/sagas?type=NoSuchSaga")]
    [TestCase("/sagas?state=NoSuchState")]
    [TestCase("/sagas?olderThan=soon")]
    [TestCase("/sagas?olderThan=-01:00:00")]
    [TestCase("/sagas?updatedBefore=yesterday")]
    [TestCase("/sagas?limit=0")]
    [TestCase("/sagas?after=not-a-cursor")]
    [TestCase("/sagas?after=WyJ4Il0")]
    public async Task Should_answer_400_for_a_filter_it_cannot_apply(string path)
    {
        await (await Host.SendAsync(HttpMethod.Get, path, PlatformRoles.Operator)).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
