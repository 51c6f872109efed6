using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Discovery;

/// <summary>
/// The one service-to-service HTTP call of the platform, a service fetching Auth's keys, resolved through the registry:
/// Agent Designer fetched them from the only Auth instance (its Auth:Authority); a second one starts, the first is
/// SIGKILLed, the key rotates. A token signed with the new key still validates on Agent Designer, fetched from the
/// survivor. Before, it kept asking the dead Auth:Authority and refused every such token.
/// </summary>
public sealed class When_the_auth_instance_a_service_fetched_keys_from_is_killed
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        // A rotated key signs at once, and an unknown key id may fetch the keys again every second.
        ["Auth__KeyPublishLead"] = "00:00:00",
        ["Auth__MetadataRefreshInterval"] = "00:00:01",
    };

    [Test]
    public async Task Should_validate_a_token_of_a_key_it_never_fetched_through_the_other_instance()
    {
        await using var platform = await RunningPlatform.StartAsync(Settings, RunningPlatform.AgentDesignerService);
        var first = platform.Auth;
        var before = await Session.LoginAsync(first.Client, "admin", platform.AdminPassword);
        await platform.AgentDesigner.Client.SendAsync(HttpMethod.Get, "/agents", before.AccessToken).JsonAsync(HttpStatusCode.OK);

        var second = await platform.StartInstanceAsync(RunningPlatform.AuthService);
        await Eventually.Until(async () => await platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM service_instances WHERE service = 'auth' AND base_url = '{second.Address.ToString().TrimEnd('/')}' AND readiness <> 'unhealthy'") == 1,
            "the second Auth instance is registered and ready");
        await first.KillAsync();
        await second.Client.SendAsync(HttpMethod.Post, "/auth/keys/rotate", before.AccessToken).JsonAsync(HttpStatusCode.OK);
        var after = await Session.LoginAsync(second.Client, "admin", platform.AdminPassword);
        Assert.That(KeyId(after.AccessToken), Is.Not.EqualTo(KeyId(before.AccessToken)), "signed with a key Agent Designer has not fetched");

        await Eventually.Until(async () =>
        {
            using var response = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Get, "/agents", after.AccessToken);
            return response.StatusCode == HttpStatusCode.OK;
        }, "Agent Designer fetches the new key from the surviving Auth instance");
    }

    private static string? KeyId(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("kid").GetString();
}
