using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AgentLightning.Contracts.Tests;

[TestFixture]
public sealed class When_the_contracts_assembly_is_inspected
{
    // The seed's event channels and what the later milestones build on; renaming one breaks routing.
    private static readonly IReadOnlyDictionary<string, string[]> RequiredMessages = new Dictionary<string, string[]>
    {
        ["Agents"] =
        [
            "CreateAgent", "UpdateAgent", "DeleteAgent", "ChangeAgentStatus",
            "AgentCreated", "AgentUpdated", "AgentDeleted", "AgentStatusChanged",
        ],
        ["Tasks"] =
        [
            "CreateTask", "StartTask", "CompleteTask", "FailTask", "ReportTaskProgress", "CancelTask",
            "TaskCreated", "TaskStarted", "TaskProgressed", "TaskCompleted", "TaskFailed", "TaskCancelled",
        ],
        ["Workflows"] =
        [
            "StartWorkflow", "CancelWorkflow",
            "WorkflowStarted", "WorkflowStepCompleted", "WorkflowCompleted", "WorkflowFailed",
        ],
        ["Knowledge"] =
        [
            "AddKnowledge", "UpdateKnowledge", "DeleteKnowledge",
            "KnowledgeAdded", "KnowledgeUpdated", "KnowledgeDeleted",
        ],
        ["System"] = ["SystemAlert", "ServiceHealthChanged", "CommandRejected"],
        ["Identity"] = ["UserRegistered", "UserRoleChanged", "IssueAgentApiKey", "RevokeAgentApiKey", "AgentApiKeyIssued", "AgentApiKeyRevoked"],
        ["Provisioning"] = ["ProvisionAgent", "CancelAgentProvisioning", "AgentProvisioned", "AgentProvisioningFailed"],
        ["Integrations"] = ["RegisterIntegration", "IntegrationRegistered", "WebhookReceived"],
        ["Models"] = ["RequestCompletion", "CompletionProduced", "CompletionFailed"],
    };

    private static readonly string[] TechnicalSuffixes = ["Message", "Event", "IntegrationEvent", "Command", "Dto"];

    private static readonly string[] ImperativeVerbs =
        [
            "Add", "Cancel", "Change", "Complete", "Create", "Deactivate", "Delete", "Deliver", "Execute", "Fail", "Issue", "Provision", "Register",
            "Release", "Remove", "Report", "Request", "Reserve", "Revoke", "Start", "Update",
        ];

    private static readonly string[] EventsNotInPastTense = ["SystemAlert"];

    private static IEnumerable<Type> MessagesAndValues => ContractCatalog.Messages.Concat(ContractCatalog.ValueTypes);

    [Test]
    public void Should_discover_every_required_message()
    {
        var discovered = ContractCatalog.Messages.Select(t => $"{ContractCatalog.Context(t)}.{t.Name}").ToList();
        var required = RequiredMessages.SelectMany(c => c.Value.Select(name => $"{c.Key}.{name}")).ToList();

        Assert.That(discovered, Is.SupersetOf(required));
        Assert.That(discovered, Has.Count.GreaterThanOrEqualTo(required.Count));
    }

    [Test]
    public void Should_hold_nothing_but_messages_value_types_and_static_vocabularies()
    {
        var others = ContractCatalog.PublicTypes
            .Except(ContractCatalog.Messages).Except(ContractCatalog.ValueTypes).Except(ContractCatalog.StaticClasses);
        var outsideContexts = ContractCatalog.PublicTypes.Where(t => ContractCatalog.Context(t) is null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(others.Select(t => t.FullName), Is.Empty, "public types the message discovery would miss");
            Assert.That(outsideContexts.Select(t => t.FullName), Is.Empty, "public types outside a context namespace");
        }
    }

    [Test]
    public void Should_reference_nothing_outside_the_base_class_library()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var foreign = ContractCatalog.Assembly.GetReferencedAssemblies()
            .Where(reference => Path.GetDirectoryName(Assembly.Load(reference).Location) != frameworkDirectory)
            .Select(reference => reference.Name);

        Assert.That(foreign, Is.Empty);
    }

    [Test]
    public void Should_not_name_a_message_after_its_technical_kind()
    {
        var misnamed = MessagesAndValues.Select(t => t.Name).Where(name => TechnicalSuffixes.Any(name.EndsWith));

        Assert.That(misnamed, Is.Empty);
    }

    [Test]
    public void Should_name_commands_in_the_imperative_and_events_in_the_past_tense()
    {
        var events = ContractCatalog.Messages.Where(t => !IsCommand(t) && !IsReply(t)).ToList();
        var commands = ContractCatalog.Messages.Where(IsCommand).ToList();

        var notPastTense = events.Where(t => !t.Name.EndsWith("ed", StringComparison.Ordinal) && !EventsNotInPastTense.Contains(t.Name));
        var undated = events.Where(t => t.GetProperty("OccurredAt")?.PropertyType != typeof(DateTimeOffset));
        var eventLike = commands.Where(t => t.GetProperty("OccurredAt") is not null || t.GetProperty("Version") is not null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(notPastTense.Select(t => t.Name), Is.Empty, "events not in the past tense");
            Assert.That(undated.Select(t => t.Name), Is.Empty, "events without OccurredAt");
            Assert.That(eventLike.Select(t => t.Name), Is.Empty, "commands that carry an event's OccurredAt or Version");
        }
    }

    [Test]
    public void Should_type_each_well_known_property_the_same_way_everywhere()
    {
        var mistyped =
            from type in MessagesAndValues
            from property in ContractCatalog.Properties(type)
            let expected = ExpectedType(property.Name)
            where expected is not null && !expected.Contains(property.PropertyType)
            select $"{type.Name}.{property.Name} is {property.PropertyType.Name}";

        Assert.That(mistyped, Is.Empty);
    }

    [Test]
    public void Should_be_immutable()
    {
        var mutable =
            from type in MessagesAndValues
            from property in ContractCatalog.Properties(type)
            where IsMutable(property)
            select $"{type.Name}.{property.Name}";

        Assert.That(mutable, Is.Empty);
    }

    [Test]
    public void Should_list_every_status_constant_in_its_vocabulary()
    {
        foreach (var vocabulary in ContractCatalog.StaticClasses.Where(t => t.GetProperty("All") is not null))
        {
            var constants = vocabulary.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
            var all = (IReadOnlyList<string>)vocabulary.GetProperty("All")!.GetValue(null)!;

            using (Assert.EnterMultipleScope())
            {
                Assert.That(all, Is.EquivalentTo(constants).And.Unique, vocabulary.Name);
                Assert.That(constants, Has.All.Matches<string>(v => v == v.ToLowerInvariant()), vocabulary.Name);
            }
        }
    }

    private static bool IsCommand(Type type) =>
        ImperativeVerbs.Any(verb => type.Name.StartsWith(verb, StringComparison.Ordinal) && type.Name.Length > verb.Length
            && char.IsUpper(type.Name[verb.Length]));

    private static bool IsReply(Type type) => type.Name.EndsWith("NotFound", StringComparison.Ordinal);

    private static Type[]? ExpectedType(string property) => property switch
    {
        "AgentId" => [typeof(string)],
        "TargetId" => [typeof(string)], // any aggregate's id as text: an agent's slug, a knowledge item's GUID
        "Version" => [typeof(long)],
        "ExpectedVersion" => [typeof(long?)],
        "OccurredAt" => [typeof(DateTimeOffset)],
        "Config" or "Context" or "Result" or "Metadata" or "Payload" or "Input" => [typeof(JsonElement?)],
        _ when property.EndsWith("Id", StringComparison.Ordinal) => [typeof(Guid), typeof(Guid?)],
        _ => null,
    };

    private static bool IsMutable(PropertyInfo property)
    {
        var type = property.PropertyType;
        var isInitOnly = property.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ?? true;
        var isMutableCollection = type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
            && !(type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                || type == typeof(IReadOnlyDictionary<string, string>)));

        return !isInitOnly || isMutableCollection;
    }
}
