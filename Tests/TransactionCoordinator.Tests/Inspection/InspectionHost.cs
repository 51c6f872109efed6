using System.Net.Http.Headers;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Contributions;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Inspection;
using AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>
/// The coordinator as it is built (service defaults, messaging, the inspection) with the test order and ticket machines in place
/// of the platform's, on a scratch database and queues of its own, on Kestrel at a free loopback port.
/// </summary>
public sealed class InspectionHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InspectionHost(WebApplication app, string queuePrefix)
    {
        _app = app;
        QueuePrefix = queuePrefix;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public string QueuePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InspectionHost> StartAsync(string postgres, string queuePrefix)
    {
        var settings = MessagingTestHost.Settings(queuePrefix);
        settings["Messaging:Scheduler:PollInterval"] = "00:00:00.200";
        var builder = TestWebService.CreateBuilder(
            settings, postgres, ServiceNames.TransactionCoordinator, "i" + queuePrefix.Replace("-", "", StringComparison.Ordinal));
        var app = TestWebService.Build(builder, b =>
        {
            b.AddMessaging(bus =>
            {
                bus.AddSagaStateMachine<InspectedOrderStateMachine, InspectedOrderState>(typeof(InspectedOrderStateDefinition)).PostgresRepository();
                bus.AddSagaStateMachine<InspectedTicketStateMachine, InspectedTicketState>().PostgresRepository();
            });
            b.Services.AddSagaCancellation<InspectedOrderState>((order, reason) =>
                new CancelWorkflow { RunId = order.CorrelationId, WorkflowId = Guid.Empty, Reason = reason });
            b.Services.AddSagaOutcomes<InspectedOrderState>(s => s.Outcome, InspectedOrderStateMachine.Outcomes);
            b.Services.AddModelContribution("inspected-orders", model =>
            {
                model.ApplyConfiguration(new InspectedOrderStateMap());
                model.ApplyConfiguration(new InspectedTicketStateMap());
            });
            b.Services.AddSagaInspection();
        }, a => a.MapSagaEndpoints());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await app.StartAsync();
            var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
            await SagaTables.EnsureCreatedAsync(db, typeof(InspectedOrderState));
            await SagaTables.EnsureCreatedAsync(db, typeof(InspectedTicketState));
        }

        return new InspectionHost(app, queuePrefix);
    }

    /// <summary>To the saga's own exchange, as its events' senders do (never published: other runs share the broker).</summary>
    public async Task SendAsync<T>(T message, Guid? messageId = null)
        where T : class
    {
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{QueuePrefix}{ServiceNames.TransactionCoordinator}"));
        await endpoint.Send(message, context => context.MessageId = messageId ?? context.MessageId);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue("inspection-tests", role));
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
