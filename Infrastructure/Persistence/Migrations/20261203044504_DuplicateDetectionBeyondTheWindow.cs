using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateDetectionBeyondTheWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters");

            migrationBuilder.CreateTable(
                name: "outbox_attempts",
                columns: table => new
                {
                    outbox_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_attempts", x => x.outbox_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_message_id",
                table: "dead_letters",
                column: "message_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters",
                sql: "status IN ('pending', 'replayed', 'archived', 'applied')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_attempts");

            migrationBuilder.DropIndex(
                name: "ix_dead_letters_message_id",
                table: "dead_letters");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters");

            // The older schema has no 'applied': such a letter needs no action, as an archived one.
            migrationBuilder.Sql("UPDATE dead_letters SET status = 'archived' WHERE status = 'applied';");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters",
                sql: "status IN ('pending', 'replayed', 'archived')");
        }
    }
}
