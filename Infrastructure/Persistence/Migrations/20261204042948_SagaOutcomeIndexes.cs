using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The inspection's outcome filter (GET /sagas?outcome=) walks the finished rows of one outcome in updated_at order;
    /// without it a rare outcome's page walked the updated_at index through every finished row (10-16 ms at 100,000,
    /// growing with the retention). Partial: a row gets its entry once, when it finishes.
    /// </summary>
    public partial class SagaOutcomeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_workflow_run_sagas_outcome_updated_at",
                table: "workflow_run_sagas",
                columns: new[] { "outcome", "updated_at" },
                filter: "finished_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_outcome_updated_at",
                table: "agent_provisioning_sagas",
                columns: new[] { "outcome", "updated_at" },
                filter: "finished_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workflow_run_sagas_outcome_updated_at",
                table: "workflow_run_sagas");

            migrationBuilder.DropIndex(
                name: "ix_agent_provisioning_sagas_outcome_updated_at",
                table: "agent_provisioning_sagas");
        }
    }
}
