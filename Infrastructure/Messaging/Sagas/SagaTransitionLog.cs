using AgentLightning.Infrastructure.Persistence;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// A payload of the saga consume contexts this repository makes: where the recorder adds transitions (the message's
/// DbContext, in its transaction). Sagas on another repository (a test harness's in-memory one) have none and record nothing.
/// </summary>
internal sealed class SagaTransitionLog(AgentLightningDbContext db)
{
    public void Add(SagaTransition transition) => db.Add(transition);
}
