using AgentLightning.WebSocket.Feed;

namespace AgentLightning.WebSocket.Tests.Units;

[TestFixture]
public sealed class When_versions_are_remembered
{
    [Test]
    public void Should_admit_only_newer_versions_of_an_aggregate()
    {
        var gate = new VersionGate(capacity: 10);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gate.Admit("agent:a", 2), Is.True);
            Assert.That(gate.Admit("agent:a", 1), Is.False);
            Assert.That(gate.Admit("agent:a", 2), Is.False);
            Assert.That(gate.Admit("agent:b", 1), Is.True, "another aggregate has its own versions");
            Assert.That(gate.Admit("agent:a", 3), Is.True);
        }
    }

    [Test]
    public void Should_forget_the_least_recently_seen_aggregate_beyond_its_capacity()
    {
        var gate = new VersionGate(capacity: 2);
        gate.Admit("agent:a", 5);
        gate.Admit("agent:b", 5);
        gate.Admit("agent:a", 6);
        gate.Admit("agent:c", 5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gate.Count, Is.EqualTo(2));
            Assert.That(gate.Admit("agent:a", 6), Is.False, "a, seen recently, is remembered");
            Assert.That(gate.Admit("agent:b", 1), Is.True, "b was forgotten: memory stays bounded");
        }
    }
}
