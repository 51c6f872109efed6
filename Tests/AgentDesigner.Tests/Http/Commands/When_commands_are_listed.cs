using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

public sealed class When_commands_are_listed
{
    private Dictionary<string, JsonElement> _commands = null!;

    [OneTimeSetUp]
    public async Task List()
    {
        var body = await (await SharedService.Client.SendAsync(HttpMethod.Get, "/commands", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
        _commands = body.GetProperty("commands").EnumerateArray().ToDictionary(c => c.GetProperty("messageType").GetString()!);
        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(_commands.Count));
    }

    [TestCase("CreateAgent", "agent-designer")]
    [TestCase("AddKnowledge", "agent-designer")]
    [TestCase("CreateTask", "workflow-engine")]
    [TestCase("StartWorkflow", "transaction-coordinator")]
    [TestCase("ExecuteTask", "ai-model")]
    [TestCase("RegisterIntegration", "integration-hub")]
    [TestCase("ProvisionAgent", "transaction-coordinator")]
    [TestCase("CancelAgentProvisioning", "transaction-coordinator")]
    [TestCase("IssueAgentApiKey", "auth")]
    public void Should_list_each_command_with_its_owner(string messageType, string owner)
    {
        Assert.That(_commands, Does.ContainKey(messageType));
        Assert.That(_commands[messageType].GetProperty("owner").GetString(), Is.EqualTo(owner));
    }

    [TestCase("AgentCreated", TestName = "Should_not_list_an_event")]
    [TestCase("CommandRejected", TestName = "Should_not_list_a_system_event")]
    [TestCase("AgentNotFound", TestName = "Should_not_list_a_reply")]
    [TestCase("WorkflowStep", TestName = "Should_not_list_a_value_inside_a_contract")]
    public void Should_list_only_commands(string messageType) => Assert.That(_commands, Does.Not.ContainKey(messageType));

    [Test]
    public void Should_give_the_schema_generated_from_the_record()
    {
        var schema = _commands["CreateAgent"].GetProperty("schema");

        Assert.Multiple(() =>
        {
            Assert.That(schema.GetProperty("type").ToString(), Does.Contain("object"));
            Assert.That(schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "agentId", "name", "model" }));
            Assert.That(schema.GetProperty("properties").TryGetProperty("capabilities", out _), Is.True);
            Assert.That(schema.GetProperty("additionalProperties").GetBoolean(), Is.False);
        });
    }
}
