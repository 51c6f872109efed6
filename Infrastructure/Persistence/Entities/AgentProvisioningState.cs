using AgentLightning.Infrastructure.Messaging.Sagas;

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// An agent's provisioning (the Transaction Coordinator's AgentProvisioning saga): what the later steps need from the
/// request, which steps have been done (so a failure compensates exactly those), and how it ended. The saga's
/// correlation id is the ProvisioningId; the model capacity reservation, the webhook integration and the API key
/// carry it as their ids.
/// </summary>
public sealed class AgentProvisioningState : SagaState
{
    public const int MaxStepLength = 32;
    public const int MaxOutcomeLength = 16;
    public const int MaxReasonLength = 2000;

    /// <summary>The agent's events carry only its id; each step checks it (they find their saga by their InitiatorId).</summary>
    public string AgentId { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>Null when no webhook was asked for.</summary>
    public string? WebhookTarget { get; set; }

    public List<string> WebhookChannels { get; set; } = [];

    public string KeyRole { get; set; } = "";

    public DateTimeOffset KeyExpiresAt { get; set; }

    /// <summary>The step under way (a ProvisioningSteps value): the one a failure, rejection or timeout is reported at.</summary>
    public string Step { get; set; } = "";

    public bool AgentCreated { get; set; }

    public bool CapacityReserved { get; set; }

    public bool WebhookRegistered { get; set; }

    public bool KeyIssued { get; set; }

    /// <summary>completed or compensated once it reached Final; null while it runs.</summary>
    public string? Outcome { get; set; }

    public string? FailedStep { get; set; }

    public string? FailureReason { get; set; }

    public Guid? StepTimeoutTokenId { get; set; }
}
