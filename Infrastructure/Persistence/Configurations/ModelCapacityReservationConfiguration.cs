using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class ModelCapacityReservationConfiguration : IEntityTypeConfiguration<ModelCapacityReservation>
{
    public void Configure(EntityTypeBuilder<ModelCapacityReservation> reservation)
    {
        reservation.ToTable("model_capacity_reservations");
        reservation.HasKey(r => r.ReservationId);
        reservation.Property(r => r.ReservationId).ValueGeneratedNever();
        reservation.Property(r => r.Model).HasMaxLength(200);
        reservation.Property(r => r.Status).HasMaxLength(16);
        reservation.Property(r => r.Reason).HasMaxLength(1000);
        reservation.HasIndex(r => new { r.Model, r.Status });

        // Retention deletes released and refused reservations from the oldest (RetentionService).
        reservation.HasIndex(r => r.CreatedAt).HasFilter("status <> 'held'");
    }
}
