using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agent_id",
                table: "api_keys",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "protected_secret",
                table: "api_keys",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "agent_provisioning_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    model = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    webhook_target = table.Column<string>(type: "text", nullable: true),
                    webhook_channels = table.Column<List<string>>(type: "text[]", nullable: false),
                    key_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    agent_created = table.Column<bool>(type: "boolean", nullable: false),
                    capacity_reserved = table.Column<bool>(type: "boolean", nullable: false),
                    webhook_registered = table.Column<bool>(type: "boolean", nullable: false),
                    key_issued = table.Column<bool>(type: "boolean", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    failed_step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    step_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_provisioning_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_agent_id",
                table: "agent_provisioning_sagas",
                column: "agent_id",
                filter: "finished_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_current_state_updated_at",
                table: "agent_provisioning_sagas",
                columns: new[] { "current_state", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_finished_at",
                table: "agent_provisioning_sagas",
                column: "finished_at",
                filter: "finished_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agent_provisioning_sagas_updated_at",
                table: "agent_provisioning_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "agent_id",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "protected_secret",
                table: "api_keys");
        }
    }
}
