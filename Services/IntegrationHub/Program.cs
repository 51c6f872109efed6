using AgentLightning.Infrastructure.Hosting;
using AgentLightning.IntegrationHub;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIntegrationHub();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIntegrationHub();
app.Run();
