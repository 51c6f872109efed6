using AgentLightning.Infrastructure.Hosting;
using AgentLightning.WebSocket;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLiveFeed();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLiveFeed();
app.Run();
