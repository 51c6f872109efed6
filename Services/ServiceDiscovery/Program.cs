using AgentLightning.Infrastructure.Hosting;
using AgentLightning.ServiceDiscovery;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDiscovery();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceDiscovery();
app.Run();
