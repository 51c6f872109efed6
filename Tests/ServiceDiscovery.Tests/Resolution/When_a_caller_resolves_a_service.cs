using AgentLightning.Testing;

namespace AgentLightning.ServiceDiscovery.Tests.Resolution;

public sealed class When_a_caller_resolves_a_service
{
    private const string Configured = "http://127.0.0.1:5599";

    private ScratchDatabase _database = null!;

    [OneTimeSetUp]
    public async Task Create()
    {
        _database = await ScratchDatabase.CreateAsync();
        await using var migrated = await Caller.StartAsync(_database.ConnectionString, Configured);
    }

    [OneTimeTearDown]
    public async Task Drop() => await _database.DisposeAsync();

    [SetUp]
    public Task Forget() => _database.ExecuteAsync("DELETE FROM service_instances");

    [Test]
    public async Task Should_balance_over_the_ready_instances_and_skip_the_others()
    {
        await using var caller = await Caller.StartAsync(_database.ConnectionString, Configured);
        await caller.RegisterAsync("http://127.0.0.1:5501");
        await caller.RegisterAsync("http://127.0.0.1:5502");
        await caller.RegisterAsync("http://127.0.0.1:5503", readiness: "unhealthy");

        var sent = await caller.CallAsync(10);

        Assert.Multiple(() =>
        {
            Assert.That(sent.Distinct(), Is.EquivalentTo(new[] { "127.0.0.1:5501", "127.0.0.1:5502" }));
            Assert.That(sent.Count(a => a == "127.0.0.1:5501"), Is.EqualTo(5), string.Join(", ", sent));
        });
    }

    [Test]
    public async Task Should_use_the_configured_address_when_no_instance_is_registered()
    {
        await using var caller = await Caller.StartAsync(_database.ConnectionString, Configured);

        Assert.That(await caller.CallAsync(2), Is.EqualTo(new[] { "127.0.0.1:5599", "127.0.0.1:5599" }));
    }

    [Test]
    public async Task Should_use_the_configured_address_when_the_registry_is_unreachable()
    {
        // Nothing listens on port 1; the caller is not started (it would migrate the database first).
        await using var caller = await Caller.StartAsync("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2", Configured, start: false);

        Assert.That(await caller.CallAsync(2), Is.EqualTo(new[] { "127.0.0.1:5599", "127.0.0.1:5599" }));
    }

    [Test]
    public async Task Should_move_to_an_instance_that_registers_later()
    {
        await using var caller = await Caller.StartAsync(_database.ConnectionString, Configured);
        Assert.That(await caller.CallAsync(1), Is.EqualTo(new[] { "127.0.0.1:5599" }));

        await caller.RegisterAsync("http://127.0.0.1:5504");

        await Eventually.Until(async () => (await caller.CallAsync(1)).Single() == "127.0.0.1:5504", "the caller sends to the registered instance");
    }
}
