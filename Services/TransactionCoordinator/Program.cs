using AgentLightning.Infrastructure.Hosting;
using AgentLightning.TransactionCoordinator;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTransactionCoordinator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTransactionCoordinator();
app.Run();
