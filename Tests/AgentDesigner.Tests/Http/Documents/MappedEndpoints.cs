using System.Text.RegularExpressions;
using AgentLightning.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace AgentLightning.AgentDesigner.Tests.Http.Documents;

/// <summary>
/// Every endpoint Agent Designer maps, read from its EndpointDataSource: the app is built as Program.cs builds
/// it, never started, so nothing connects anywhere.
/// </summary>
internal static partial class MappedEndpoints
{
    public sealed record Mapped(string Method, string Path, EndpointMetadataCollection Metadata);

    public static async Task<IReadOnlyList<Mapped>> ReadAsync(IReadOnlyDictionary<string, string> variables)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "AgentLightning.AgentDesigner" });
        builder.Configuration.AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)));
        builder.AddServiceDefaults();
        builder.AddAgentDesigner();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAgentDesigner();
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new Mapped(m, PathOf(e.RoutePattern.RawText ?? ""), e.Metadata)))];
    }

    /// <summary>"/knowledge/{id:guid}" is "/knowledge/{id}" in the document.</summary>
    private static string PathOf(string pattern) => "/" + Constraint().Replace(pattern, "{$1}").Trim('/');

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
