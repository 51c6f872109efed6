namespace AgentLightning.Contracts.Integrations;

/// <summary>
/// Asks the Integration Hub to (try again to) deliver one recorded webhook delivery. Only the id travels: the
/// body and the target stay in the hub's database, the secret never leaves it.
/// </summary>
public sealed record DeliverWebhook
{
    public required Guid DeliveryId { get; init; }
}
