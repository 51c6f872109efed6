using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.UserName).HasMaxLength(User.MaxUserNameLength);
        user.Property(u => u.Email).HasMaxLength(User.MaxEmailLength);
        user.Property(u => u.PasswordHash).HasMaxLength(500);
        user.Property(u => u.Role).HasMaxLength(32);
        user.Property(u => u.Version).IsConcurrencyToken();
        user.HasIndex(u => u.UserName).IsUnique();
        user.HasIndex(u => u.Email).IsUnique();
    }
}
