using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FirstFailedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "first_failed_at",
                table: "scheduled_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "first_failed_at",
                table: "outbox_state",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "first_failed_at",
                table: "scheduled_messages");

            migrationBuilder.DropColumn(
                name: "first_failed_at",
                table: "outbox_state");
        }
    }
}
