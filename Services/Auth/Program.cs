using AgentLightning.Auth;
using AgentLightning.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuth();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAuth();
app.Run();
