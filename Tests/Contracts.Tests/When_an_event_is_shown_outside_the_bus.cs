using System.Text.Json;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging.Events;

namespace AgentLightning.Contracts.Tests;

[TestFixture]
public sealed class When_an_event_is_shown_outside_the_bus
{
    private static IEnumerable<TestCaseData> Events() =>
        ContractCatalog.Messages.Where(t => t.GetProperty("OccurredAt") is not null)
            .Select(t => new TestCaseData(t).SetArgDisplayNames($"{ContractCatalog.Context(t)}.{t.Name}"));

    [TestCaseSource(nameof(Events))]
    public void Should_have_a_channel_an_owner_and_an_aggregate(Type type)
    {
        var descriptor = EventCatalog.Find(type);
        Assert.That(descriptor, Is.Not.Null, "every contract with OccurredAt is an event of the feed");
        var e = PlatformEvent.From(descriptor!, new SampleFactory().Create(type), Guid.NewGuid());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Channel, Does.Match("^[a-z]+:[a-z-]+$"));
            Assert.That(e.Service, Is.Not.Empty);
            Assert.That(e.AggregateId, Is.Not.Null.And.Not.Empty);
            Assert.That(e.Version.HasValue, Is.EqualTo(type.GetProperty("Version") is not null));
            Assert.That(ChannelPattern.Parse(e.Channel).Matches(e), Is.True, "its own channel is a pattern that matches it");
        }
    }

    [Test]
    public void Should_name_channels_after_the_contract()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(EventCatalog.Of<TaskCompleted>().Channel, Is.EqualTo("task:completed"));
            Assert.That(EventCatalog.Of<WorkflowStepCompleted>().Channel, Is.EqualTo("workflow:step-completed"));
            Assert.That(EventCatalog.Of<WorkflowStepCompleted>().Service, Is.EqualTo("transaction-coordinator"));
            Assert.That(EventCatalog.Of<TaskCompleted>().Service, Is.EqualTo("workflow-engine"));
            Assert.That(EventCatalog.Find(typeof(CreateTask)), Is.Null, "a command is not an event");
        }
    }

    [Test]
    public void Should_send_the_contract_as_camel_case_data_in_the_public_shape()
    {
        var task = Completed(Guid.NewGuid());
        var json = JsonSerializer.SerializeToElement(PlatformEvent.From(EventCatalog.Of<TaskCompleted>(), task, Guid.NewGuid()), JsonSerializerOptions.Web);

        Assert.That(json.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "channel", "eventId", "timestamp", "service", "aggregateId", "version", "data" }));
        Assert.That(json.GetProperty("data").GetProperty("taskId").GetGuid(), Is.EqualTo(task.TaskId));
        Assert.That(json.GetProperty("aggregateId").GetString(), Is.EqualTo(task.TaskId.ToString()));
        Assert.That(json.GetProperty("version").GetInt64(), Is.EqualTo(3));
    }

    [TestCase("task:*", true)]
    [TestCase("task:completed", true)]
    [TestCase("TASK:Completed", true)]
    [TestCase("task:comp*", true)]
    [TestCase("*", true)]
    [TestCase("*:*", true)]
    [TestCase("*:completed", true)]
    [TestCase("task:started", false)]
    [TestCase("agent:*", false)]
    [TestCase("agent:agent-7", false)]
    public void Should_match_patterns_on_the_channel(string pattern, bool matches)
    {
        var e = PlatformEvent.From(EventCatalog.Of<TaskCompleted>(), Completed(Guid.NewGuid()), Guid.NewGuid());

        Assert.That(ChannelPattern.Parse(pattern).Matches(e), Is.EqualTo(matches));
    }

    [Test]
    public void Should_match_an_aggregate_by_its_id_and_a_run_by_its_workflow()
    {
        var (workflowId, runId) = (Guid.NewGuid(), Guid.NewGuid());
        var step = new WorkflowStepCompleted
        {
            RunId = runId, WorkflowId = workflowId, StepIndex = 0, StepName = "s", TaskId = Guid.NewGuid(), Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        };
        var e = PlatformEvent.From(EventCatalog.Of<WorkflowStepCompleted>(), step, Guid.NewGuid());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.AggregateId, Is.EqualTo(runId.ToString()), "a run's versions are the run's, so the run is the aggregate");
            Assert.That(ChannelPattern.Parse($"workflow:{runId}").Matches(e), Is.True);
            Assert.That(ChannelPattern.Parse($"workflow:{workflowId}").Matches(e), Is.True);
            Assert.That(ChannelPattern.Parse($"workflow:{Guid.NewGuid()}").Matches(e), Is.False);
            Assert.That(ChannelPattern.Parse($"task:{step.TaskId}").Matches(e), Is.False, "another topic's id does not match");
        }
    }

    [TestCase("")]
    [TestCase("task")]
    [TestCase("task:completed:now")]
    [TestCase("task:comp leted")]
    [TestCase("task:(.*)")]
    public void Should_refuse_what_is_not_a_pattern(string pattern) =>
        Assert.That(() => ChannelPattern.Parse(pattern), Throws.ArgumentException.With.Message.Contain("pattern"));

    private static TaskCompleted Completed(Guid taskId) => new()
    {
        TaskId = taskId, AgentId = "agent-7", Version = 3, OccurredAt = DateTimeOffset.UtcNow,
    };
}
