using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CommandOutcomesAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sent_commands",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sent_commands", x => x.message_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_expires_at",
                table: "refresh_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_model_capacity_reservations_created_at",
                table: "model_capacity_reservations",
                column: "created_at",
                filter: "status <> 'held'");

            migrationBuilder.CreateIndex(
                name: "ix_agent_workflow_activity_ended_at",
                table: "agent_workflow_activity",
                column: "ended_at",
                filter: "ended");

            migrationBuilder.CreateIndex(
                name: "ix_sent_commands_sent_at",
                table: "sent_commands",
                column: "sent_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sent_commands");

            migrationBuilder.DropIndex(
                name: "ix_refresh_tokens_expires_at",
                table: "refresh_tokens");

            migrationBuilder.DropIndex(
                name: "ix_model_capacity_reservations_created_at",
                table: "model_capacity_reservations");

            migrationBuilder.DropIndex(
                name: "ix_agent_workflow_activity_ended_at",
                table: "agent_workflow_activity");
        }
    }
}
