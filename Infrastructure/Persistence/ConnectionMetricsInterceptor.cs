using System.Data.Common;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>Feeds database_connections_active from EF Core's connection lifecycle.</summary>
internal sealed class ConnectionMetricsInterceptor(PlatformMetrics metrics) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => metrics.ConnectionOpened();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        metrics.ConnectionOpened();
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => metrics.ConnectionClosed();

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        metrics.ConnectionClosed();
        return Task.CompletedTask;
    }
}
