using AgentLightning.AgentDesigner;
using AgentLightning.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgentDesigner();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAgentDesigner();
app.Run();
