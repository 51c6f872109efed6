using AgentLightning.AiModel.Execution;
using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.AiModel.Application;

/// <summary>
/// A reservation holds one of a model's concurrency slots for a saga until it is released: while held, the
/// executor runs one task fewer of that model, on every instance. Each reservation id is answered once and
/// kept, so a repeated command gets the same answer. Runs in the consumer's transaction (with its inbox mark).
/// </summary>
internal sealed class CapacityReservations(AgentLightningDbContext db, ModelRepository models, TimeProvider clock)
{
    public async Task ReserveAsync(ReserveModelCapacity command, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var reservation = await db.Set<ModelCapacityReservation>().FindAsync([command.ReservationId], cancellationToken);
        if (reservation is null)
        {
            reservation = new ModelCapacityReservation { ReservationId = command.ReservationId, Model = command.Model ?? "", CreatedAt = clock.GetUtcNow() };
            var model = string.IsNullOrEmpty(command.Model) ? null : await models.GetAsync(command.Model, cancellationToken);
            if (model is null)
            {
                Refuse(reservation, ExecutionReasons.ModelMissing(reservation.Model));
            }
            else
            {
                // The same lock and count as the executor's claims: a slot is either a task's or a reservation's.
                await ExecutionQueue.LockModelAsync(db, model.Name, cancellationToken);
                var used = await ExecutionQueue.UsedSlotsAsync(db, model.Name, cancellationToken);
                if (used >= model.MaxConcurrentTasks)
                {
                    Refuse(reservation, $"all {model.MaxConcurrentTasks} slots of model '{model.Name}' are in use");
                }
            }

            db.Add(reservation);
            await db.SaveChangesAsync(cancellationToken);
        }

        await AnswerAsync(reservation, events, cancellationToken);
    }

    /// <summary>
    /// Releasing frees the slot. A release that arrives before its reservation is kept too: the late reservation
    /// is then refused rather than holding a slot nobody will give back.
    /// </summary>
    public async Task<bool> ReleaseAsync(ReleaseModelCapacity command, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var reservation = await db.Set<ModelCapacityReservation>().FindAsync([command.ReservationId], cancellationToken);
        var freed = reservation?.Status == ModelCapacityReservation.Held;
        if (reservation is null)
        {
            reservation = new ModelCapacityReservation { ReservationId = command.ReservationId, Model = "", CreatedAt = clock.GetUtcNow() };
            db.Add(reservation);
        }

        if (reservation.Status != ModelCapacityReservation.Released)
        {
            reservation.Status = ModelCapacityReservation.Released;
            reservation.ReleasedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        await events.Publish(new ModelCapacityReleased { ReservationId = reservation.ReservationId, Model = reservation.Model, OccurredAt = clock.GetUtcNow() }, cancellationToken);
        return freed;
    }

    private static void Refuse(ModelCapacityReservation reservation, string reason)
    {
        reservation.Status = ModelCapacityReservation.Refused;
        reservation.Reason = reason;
    }

    private Task AnswerAsync(ModelCapacityReservation reservation, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (id, model) = (reservation.ReservationId, reservation.Model);
        return reservation.Status switch
        {
            ModelCapacityReservation.Held => events.Publish(new ModelCapacityReserved { ReservationId = id, Model = model, OccurredAt = now }, cancellationToken),
            ModelCapacityReservation.Released => events.Publish(new ModelCapacityReservationRefused
            {
                ReservationId = id, Model = model, Reason = "the reservation was released already", OccurredAt = now,
            }, cancellationToken),
            _ => events.Publish(new ModelCapacityReservationRefused { ReservationId = id, Model = model, Reason = reservation.Reason ?? "refused", OccurredAt = now }, cancellationToken),
        };
    }
}
