using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLightning.Infrastructure.Messaging.Commands;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters.Http;

/// <summary>
/// The body of an edit and retry: the stored envelope (ids, headers, addresses kept) with its message replaced by the
/// operator's, once that passes the same contract check as <c>POST /commands</c> (<see cref="CommandJson"/>).
/// </summary>
internal static class EditedEnvelope
{
    private const string UrnPrefix = "urn:message:";
    private const string MessageMember = "message";

    /// <summary>The new body, or null with every error keyed by its path under <c>message</c>.</summary>
    public static string? Replace(DeadLetter letter, JsonNode? message, Dictionary<string, string[]> errors)
    {
        if (Envelope(letter) is not { } envelope)
        {
            errors["$"] = ["This dead letter's body is not a message envelope: it can be retried unchanged or archived, not edited."];
            return null;
        }

        if (letter.MessageTypes.Select(ContractOf).FirstOrDefault(t => t is not null) is not { } contract)
        {
            errors["$"] = [$"None of its message types ({string.Join(", ", letter.MessageTypes)}) is a contract this service knows."];
            return null;
        }

        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var read = CommandJson.Read(contract, message, found);
        foreach (var (path, problems) in found)
        {
            errors[path == "$" ? MessageMember : $"{MessageMember}.{path}"] = problems;
        }

        if (read is null)
        {
            return null;
        }

        envelope[MessageMember] = JsonSerializer.SerializeToNode(read, contract, CommandJson.Options);
        return envelope.ToJsonString();
    }

    private static JsonObject? Envelope(DeadLetter letter)
    {
        try
        {
            return letter.BodyText() is { } text && JsonNode.Parse(text) is JsonObject { } envelope && envelope[MessageMember] is JsonObject
                ? envelope
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A URN <c>urn:message:Namespace:Type</c> as a type loaded in this process (the Contracts assembly's, or a service's own).</summary>
    private static Type? ContractOf(string urn)
    {
        var parts = urn.StartsWith(UrnPrefix, StringComparison.Ordinal) ? urn[UrnPrefix.Length..].Split(':') : [];
        return parts.Length == 2
            ? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType($"{parts[0]}.{parts[1]}", false)).FirstOrDefault(t => t is { IsClass: true, IsAbstract: false })
            : null;
    }
}
