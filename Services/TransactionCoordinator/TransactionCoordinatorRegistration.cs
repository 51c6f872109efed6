using AgentLightning.Infrastructure.Messaging;
using AgentLightning.TransactionCoordinator.Inspection;
using AgentLightning.TransactionCoordinator.Provisioning;
using AgentLightning.TransactionCoordinator.WorkflowRuns;

namespace AgentLightning.TransactionCoordinator;

/// <summary>
/// The distributed-transaction coordinator: the state machines of the platform's multi-service changes, each
/// persisted in PostgreSQL and moved in the transaction of the message that moves it (docs/sagas.md), and the
/// endpoints that inspect them.
/// </summary>
internal static class TransactionCoordinatorRegistration
{
    public static IHostApplicationBuilder AddTransactionCoordinator(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(bus =>
        {
            bus.AddWorkflowRuns();
            bus.AddAgentProvisioning();
        });

        builder.Services.AddSagaInspection();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication MapTransactionCoordinator(this WebApplication app)
    {
        app.MapSagaEndpoints();
        return app;
    }
}
