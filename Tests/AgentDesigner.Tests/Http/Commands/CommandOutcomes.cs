using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

/// <summary>Sends a command through POST /commands and follows the link it answers with.</summary>
internal static class CommandOutcomes
{
    public static async Task<JsonElement> PostAsync(string messageType, object body)
    {
        using var response = await SharedService.Client.SendAsync(HttpMethod.Post, $"/commands/{messageType}", PlatformRoles.Operator, body);
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(accepted.GetProperty("outcome").GetString()));
        return accepted;
    }

    /// <summary>Reads the outcome link until it shows <paramref name="status"/>.</summary>
    public static async Task<JsonElement> UntilAsync(JsonElement accepted, string status)
    {
        var link = accepted.GetProperty("outcome").GetString()!;
        var outcome = default(JsonElement);
        await Eventually.Until(async () =>
        {
            using var response = await SharedService.Client.SendAsync(HttpMethod.Get, link, PlatformRoles.Viewer);
            outcome = await response.JsonAsync(HttpStatusCode.OK);
            return outcome.GetProperty("status").GetString() == status;
        }, $"the outcome link shows {status}");
        return outcome;
    }
}
