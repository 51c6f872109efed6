using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeAgentKeyAndRejectedLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_reason",
                table: "dead_letters");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dead_letters_reason",
                table: "dead_letters",
                sql: "reason IN ('fault', 'skipped', 'poison', 'undeliverable', 'rejected')");

            // Items orphaned before the key existed (an AddKnowledge that raced a DeleteAgent) would block it.
            migrationBuilder.Sql("DELETE FROM knowledge k WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = k.agent_id);");

            // Those items may be cached (up to an hour): a new generation makes every process distrust what Redis holds.
            migrationBuilder.Sql("UPDATE cache_generation SET value = value + 1;");

            migrationBuilder.AddForeignKey(
                name: "fk_knowledge_agents_agent_id",
                table: "knowledge",
                column: "agent_id",
                principalTable: "agents",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_knowledge_agents_agent_id",
                table: "knowledge");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dead_letters_reason",
                table: "dead_letters");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dead_letters_reason",
                table: "dead_letters",
                sql: "reason IN ('fault', 'skipped', 'poison', 'undeliverable')");
        }
    }
}
