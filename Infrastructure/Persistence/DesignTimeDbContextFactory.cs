using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AgentLightningDbContext>
{
    public AgentLightningDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AgentLightningDbContext>();
        options.UseAgentLightningNpgsql("Host=127.0.0.1;Database=agent_lightning_design");
        return new AgentLightningDbContext(options.Options);
    }
}
