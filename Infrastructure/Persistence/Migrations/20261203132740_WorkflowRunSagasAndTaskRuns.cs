using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowRunSagasAndTaskRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "run_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workflow_run_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workflow_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    context = table.Column<string>(type: "jsonb", nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    event_version = table.Column<long>(type: "bigint", nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    failed_step_index = table.Column<int>(type: "integer", nullable: true),
                    deadline_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deadline_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_run_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_run_id",
                table: "tasks",
                column: "run_id",
                filter: "run_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_run_sagas_current_state_updated_at",
                table: "workflow_run_sagas",
                columns: new[] { "current_state", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_run_sagas_finished_at",
                table: "workflow_run_sagas",
                column: "finished_at",
                filter: "finished_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_run_sagas_updated_at",
                table: "workflow_run_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_run_sagas_workflow_id",
                table: "workflow_run_sagas",
                column: "workflow_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_run_sagas");

            migrationBuilder.DropIndex(
                name: "ix_tasks_run_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "tasks");
        }
    }
}
