using System.Diagnostics;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Discovery;

/// <summary>
/// Two Agent Designer processes, registered by the service defaults with the default heartbeat and expiry; one is
/// SIGKILLed (no deregistration), then started again. A caller resolves agent-designer through the registry.
/// </summary>
public sealed class When_a_service_instance_is_killed
{
    private const string Service = "agent-designer";

    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Should_leave_the_list_within_15_seconds_come_back_when_started_and_callers_move_to_the_other()
    {
        await using var platform = await RunningPlatform.StartAsync(RunningPlatform.AgentDesignerService, RunningPlatform.ServiceDiscoveryService);
        var victim = platform.AgentDesigner;
        var survivor = await platform.StartInstanceAsync(RunningPlatform.AgentDesignerService);
        var token = await new Accounts(platform).TokenAsync("viewer");
        await Eventually.Until(async () => (await ListedAsync(platform, token)).SetEquals([Url(victim), Url(survivor)]), "both instances are listed");

        await using var caller = await ResolvingCaller.StartAsync(
            platform.Database.ConnectionString, Service, primary: () => new RecordingHandler(new SocketsHttpHandler()));
        Assert.That((await CalledAsync(caller, 4)).Distinct(), Is.EquivalentTo(new[] { Url(victim), Url(survivor) }), "the caller balances over both");

        await victim.KillAsync();
        var killed = Stopwatch.StartNew();
        await Eventually.Until(async () => !(await ListedAsync(platform, token)).Contains(Url(victim)), "the killed instance leaves the list", Promised * 2);
        Assert.That(killed.Elapsed, Is.LessThan(Promised));
        await Eventually.Until(async () => (await CalledAsync(caller, 4)).All(u => u == Url(survivor)), "the caller sends every request to the survivor");

        var restarted = await platform.StartInstanceAsync(RunningPlatform.AgentDesignerService);
        await Eventually.Until(async () => (await ListedAsync(platform, token)).SetEquals([Url(survivor), Url(restarted)]), "the restarted instance is listed");
    }

    private static string Url(ServiceProcess process) => process.Address.ToString().TrimEnd('/');

    private static async Task<HashSet<string>> ListedAsync(RunningPlatform platform, string token)
    {
        var service = await platform.ServiceDiscovery.Client.GetJsonAsync($"/services/{Service}", token);
        return [.. service.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("baseUrl").GetString()!)];
    }

    /// <summary>Calls agent-designer by name; the address that answered each call, or "failed" for one that did not.</summary>
    private static async Task<IReadOnlyList<string>> CalledAsync(ResolvingCaller caller, int count)
    {
        using var client = caller.Client();
        var called = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            try
            {
                using var response = await client.SendAsync(request);
                called.Add(response.IsSuccessStatusCode && request.Options.TryGetValue(RecordingHandler.Resolved, out var resolved)
                    ? resolved.GetLeftPart(UriPartial.Authority)
                    : "failed");
            }
            catch (HttpRequestException)
            {
                called.Add("failed");
            }
        }

        return called;
    }
}
