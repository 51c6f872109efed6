namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>The services of the platform, as named in queues, logs and the event log.</summary>
public static class ServiceNames
{
    public const string Operations = "operations";
    public const string Auth = "auth";
    public const string AgentDesigner = "agent-designer";
    public const string WorkflowEngine = "workflow-engine";
    public const string IntegrationHub = "integration-hub";
    public const string AiModel = "ai-model";
    public const string WebSocket = "websocket";
    public const string TransactionCoordinator = "transaction-coordinator";
    public const string ServiceDiscovery = "service-discovery";
}
