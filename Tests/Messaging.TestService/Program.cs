using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.TestService;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Commits Produce:Count transactions of one Ping each through the bus outbox, says so, then keeps running
// (delivering, unless Messaging:Outbox:DeliveryEnabled is false) until it is stopped or killed.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPersistence();
builder.AddMessaging();
using var host = builder.Build();
await host.StartAsync();

var count = int.Parse(builder.Configuration["Produce:Count"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
for (var i = 0; i < count; i++)
{
    await using var scope = host.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new Ping(Guid.NewGuid(), i, builder.Configuration["Messaging:QueuePrefix"]));
    await scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
}

Console.Out.WriteLine($"COMMITTED {count}");
await Console.Out.FlushAsync();
await host.WaitForShutdownAsync();
