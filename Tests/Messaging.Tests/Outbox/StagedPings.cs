using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.TestService;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>Pings committed to the outbox by a host that does not deliver, so a spec can age their rows before a delivering host starts.</summary>
internal static class StagedPings
{
    public static async Task StageAsync(ScratchDatabase database, string prefix, string run, params Guid[] ids)
    {
        await using var sender = await MessagingTestHost.StartAsync(database.ConnectionString, prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false" });
        await SendAsync(sender, prefix, run, ids);
    }

    public static Task SendAsync(PlatformTestHost host, string prefix, string run, params Guid[] ids) =>
        host.InScopeAsync(async sp =>
        {
            var pings = await sp.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{prefix}ping"));
            foreach (var id in ids)
            {
                await pings.Send(new Ping(id, 1, run));
            }

            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
}
