using AgentLightning.Contracts.Agents;

namespace AgentLightning.Contracts.Tests;

[TestFixture]
public sealed class When_an_agent_slug_is_checked
{
    [TestCase("research-agent")]
    [TestCase("a")]
    [TestCase("agent-007")]
    public void Should_accept_lowercase_words_joined_by_hyphens(string slug) =>
        Assert.That(AgentSlug.IsValid(slug), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Research-Agent")]
    [TestCase("research agent")]
    [TestCase("research_agent")]
    [TestCase("-research")]
    [TestCase("research-")]
    [TestCase("research--agent")]
    [TestCase("agent/1")]
    public void Should_reject_anything_else(string? slug) =>
        Assert.That(AgentSlug.IsValid(slug), Is.False);

    [Test]
    public void Should_reject_a_slug_longer_than_the_agents_id_column()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(AgentSlug.IsValid(new string('a', AgentSlug.MaxLength)), Is.True);
            Assert.That(AgentSlug.IsValid(new string('a', AgentSlug.MaxLength + 1)), Is.False);
        }
    }
}
