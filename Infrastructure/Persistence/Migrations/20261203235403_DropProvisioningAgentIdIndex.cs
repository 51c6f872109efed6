using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The agent's events find their provisioning saga by key (their InitiatorId) since session 6, no longer by a query
    /// on agent_id: the index was only written, on every saga insert and update.
    /// </summary>
    public partial class DropProvisioningAgentIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_agent_provisioning_sagas_agent_id",
                table: "agent_provisioning_sagas");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_agent_id",
                table: "agent_provisioning_sagas",
                column: "agent_id",
                filter: "finished_at IS NULL");
        }
    }
}
