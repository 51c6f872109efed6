using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class ServiceRegistryConfiguration : IEntityTypeConfiguration<ServiceInstance>, IEntityTypeConfiguration<ServiceHealth>
{
    public void Configure(EntityTypeBuilder<ServiceInstance> instance)
    {
        instance.ToTable("service_instances");
        instance.HasKey(i => i.Id);
        instance.Property(i => i.Id).HasMaxLength(ServiceInstance.MaxIdLength);
        instance.Property(i => i.Service).HasMaxLength(ServiceInstance.MaxServiceLength);
        instance.Property(i => i.BaseUrl).HasMaxLength(ServiceInstance.MaxBaseUrlLength);
        instance.Property(i => i.Version).HasMaxLength(ServiceInstance.MaxVersionLength);
        instance.Property(i => i.Readiness).HasMaxLength(16);

        // A service's instances, and the list of services, in name order.
        instance.HasIndex(i => new { i.Service, i.Id });
    }

    public void Configure(EntityTypeBuilder<ServiceHealth> health)
    {
        health.ToTable("service_health");
        health.HasKey(h => h.Service);
        health.Property(h => h.Service).HasMaxLength(ServiceInstance.MaxServiceLength);
        health.Property(h => h.Status).HasMaxLength(16);
    }
}
