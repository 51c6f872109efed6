using AgentLightning.Infrastructure.Messaging;
using AgentLightning.TransactionCoordinator.Provisioning;

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
            bus.AddAgentProvisioning();
        });

        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication MapTransactionCoordinator(this WebApplication app)
    {
        return app;
    }
}
