using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Testing;
using Microsoft.Extensions.Options;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: the inbox forgot a MessageId after 30 minutes while the outbox re-sends an unconfirmed message for
/// about an hour and the scheduler longer: a late duplicate took effect twice. The window must cover every
/// automatic path that brings a message back, checked at start.
/// </summary>
public sealed class When_the_duplicate_detection_window_is_configured
{
    [Test]
    public async Task Should_refuse_to_start_with_a_window_shorter_than_the_outbox_retries()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DuplicateDetectionWindow"] = "00:30:00" }));

        Assert.That(refused!.Message, Does.Contain("DuplicateDetectionWindow"));
    }

    [Test]
    public void Should_cover_every_automatic_path_by_default()
    {
        var scheduler = new SchedulerOptions();
        RedeliveryPath[] paths =
        [
            new("scheduler", RedeliverySpans.Scheduler(scheduler)),
            new("consumer", RedeliverySpans.Consumer(new RetryPolicyOptions(), scheduler)),
        ];
        var outbox = new OutboxOptions();
        TestContext.Out.WriteLine($"outbox {RedeliverySpans.Outbox(outbox)}, " + string.Join(", ", paths.Select(p => $"{p.Name} {p.Span}")));

        Assert.That(new DuplicateDetectionWindowValidation(paths).Validate(null, outbox).Succeeded, Is.True);
    }

    [Test]
    public void Should_count_a_path_another_part_declares()
    {
        var commands = new RedeliveryPath("a command redelivered while its target is missing", TimeSpan.FromHours(3));

        var result = new DuplicateDetectionWindowValidation([commands]).Validate(null, new OutboxOptions());

        Assert.That(result.FailureMessage, Does.Contain(commands.Name));
    }
}
