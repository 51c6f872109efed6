using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadLettersAlreadyApplied : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters");

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
            migrationBuilder.DropIndex(
                name: "ix_dead_letters_message_id",
                table: "dead_letters");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dead_letters_status",
                table: "dead_letters",
                sql: "status IN ('pending', 'replayed', 'archived')");
        }
    }
}
