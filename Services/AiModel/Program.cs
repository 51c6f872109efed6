using AgentLightning.AiModel;
using AgentLightning.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAiModel();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAiModel();
app.Run();
