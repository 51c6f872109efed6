using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AgentLightning.Infrastructure.Hosting;

/// <summary>Who this process is: the name in its logs, its traces (service.name) and its queue names.</summary>
public sealed partial class ServiceOptions
{
    public const string SectionName = "Service";

    private const string AssemblyPrefix = "AgentLightning.";

    [Required]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Service:Name must be kebab-case, e.g. agent-designer.")]
    public string Name { get; set; } = "";

    /// <summary>"AgentLightning.AgentDesigner" becomes "agent-designer": every assembly carries the prefix, so it says nothing.</summary>
    public static string DefaultName(string applicationName)
    {
        var name = applicationName.StartsWith(AssemblyPrefix, StringComparison.Ordinal)
            ? applicationName[AssemblyPrefix.Length..]
            : applicationName;
        var words = WordBoundary().Replace(name, "-");
        return Separators().Replace(words, "-").Trim('-').ToLowerInvariant();
    }

    internal static string Resolve(IConfiguration configuration, string applicationName) =>
        configuration[$"{SectionName}:{nameof(Name)}"] is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : DefaultName(applicationName);

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex WordBoundary();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Separators();
}
