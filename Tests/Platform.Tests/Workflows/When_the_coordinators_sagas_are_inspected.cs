using AgentLightning.Platform.Tests.Support;

namespace AgentLightning.Platform.Tests.Workflows;

/// <summary>The real coordinator's inspection finds its two machines on the PostgreSQL repository, with their cancel commands.</summary>
[TestFixture]
public sealed class When_the_coordinators_sagas_are_inspected
{
    [Test]
    public async Task Should_describe_both_machines_from_their_definitions()
    {
        var (platform, token) = (SharedPlatform.Platform, await SharedPlatform.Accounts.TokenAsync("operator"));

        var types = (await platform.TransactionCoordinator.Client.GetJsonAsync("/sagas/types", token)).GetProperty("types").EnumerateArray()
            .ToDictionary(t => t.GetProperty("type").GetString()!);
        var list = await platform.TransactionCoordinator.Client.GetJsonAsync("/sagas?type=AgentProvisioningState&olderThan=PT1H", token);

        Assert.That(types.Keys, Is.EquivalentTo(new[] { "AgentProvisioningState", "WorkflowRunState" }));
        var run = types["WorkflowRunState"];
        Assert.That(run.GetProperty("states").EnumerateArray().Select(s => s.GetString()), Is.SupersetOf(new[] { "Running", "Compensating", "Final" }));
        Assert.That(run.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString()), Does.Contain("Compensating"));
        Assert.That(types.Values.Select(t => t.GetProperty("cancellable").GetBoolean()), Is.All.True);
        Assert.That(list.GetProperty("count").GetInt32(), Is.Zero, "no provisioning is stuck for an hour in a fresh platform");
    }
}
