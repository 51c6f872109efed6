using AgentLightning.Infrastructure.Hosting;
using AgentLightning.WorkflowEngine;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkflowEngine();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWorkflowEngine();
app.Run();
