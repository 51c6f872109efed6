using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// A DI scope that is not consuming (an HTTP request) schedules and cancels with its DbContext, as it publishes: its
/// SaveChanges commits them. Regression: they were written at once, so they outlived a request that failed or rolled back.
/// </summary>
public sealed class When_a_request_schedules_through_the_bus_outbox : SchedulerFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await StartHostAsync();

    // Polling once a minute, the dispatcher sends a message due now at once only if the commit wakes it. A transient
    // fault on a loaded machine would blind it for the poll interval, up to MaxBackoff.
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Scheduler:PollInterval"] = "00:01:00";
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:02";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_schedule_nothing_when_the_scope_never_saves()
    {
        var id = Guid.NewGuid();
        await _host.InScopeAsync(sp => Scheduler(sp).ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(id)));

        Assert.That(await Rows.PingsForAsync(id), Is.Zero);
    }

    [Test]
    public async Task Should_schedule_nothing_when_its_transaction_rolls_back()
    {
        var stagedBefore = Guid.NewGuid();
        var writtenInside = Guid.NewGuid();
        await _host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentLightningDbContext>();
            await Scheduler(sp).ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(stagedBefore));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Scheduler(sp).ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(writtenInside));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });

        Assert.That(await Rows.PingsForAsync(stagedBefore), Is.Zero, "staged, then written by the save inside the transaction");
        Assert.That(await Rows.PingsForAsync(writtenInside), Is.Zero, "written in the open transaction");
    }

    [Test]
    public async Task Should_write_the_schedules_with_the_save_and_send_one_due_now_as_soon_as_it_commits()
    {
        var dueNow = Guid.NewGuid();
        var dueLater = Guid.NewGuid();
        await _host.InScopeAsync(async sp =>
        {
            await Scheduler(sp).ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow, new ScheduledPing(dueNow));
            await Scheduler(sp).ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(dueLater));
            Assert.That(await Rows.PingsForAsync(dueNow) + await Rows.PingsForAsync(dueLater), Is.Zero, "nothing is written before the save");
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        Assert.That(await Rows.PingsForAsync(dueLater), Is.EqualTo(1));

        await Eventually.Until(() => Deliveries.For(dueNow).Count > 0, "the ping due now is consumed, long before the dispatcher's next poll",
            TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await Rows.PingsForAsync(dueNow) == 0, "its sent row is deleted");

        Assert.That(Deliveries.MessageIdsFor(dueNow), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_cancel_with_the_save_only()
    {
        var address = AddressOf<ScheduledPingConsumer>();
        var scheduled = await InRequestAsync(_host, scheduler => scheduler.ScheduleSend(address, DateTime.UtcNow.AddHours(1), new ScheduledPing(Guid.NewGuid())));

        await _host.InScopeAsync(sp => Scheduler(sp).CancelScheduledSend(address, scheduled.TokenId));
        Assert.That(await Rows.ForTokenAsync(scheduled.TokenId), Is.Not.Null, "a cancel never saved changes nothing");

        await InRequestAsync(_host, scheduler => scheduler.CancelScheduledSend(address, scheduled.TokenId));
        Assert.That(await Rows.ForTokenAsync(scheduled.TokenId), Is.Null);
    }

    private static IMessageScheduler Scheduler(IServiceProvider scope) => scope.GetRequiredService<IMessageScheduler>();
}
