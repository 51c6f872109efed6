using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CacheGenerationInTransactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each raw statement ends with ";": the idempotent script wraps it in a DO block, where a missing one is a
            // syntax error (the migrator itself accepts either).
            // One row instead of a sequence, so a bump commits with the write that needs it. It starts above
            // the sequence's last value: Redis may hold that value as its epoch, and the epoch only moves up.
            migrationBuilder.Sql("ALTER SEQUENCE cache_generation RENAME TO cache_generation_sequence;");
            migrationBuilder.Sql("""
                CREATE TABLE cache_generation (
                    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    value bigint NOT NULL);
                """);
            migrationBuilder.Sql("INSERT INTO cache_generation (value) SELECT last_value + 1 FROM cache_generation_sequence;");
            migrationBuilder.DropSequence(
                name: "cache_generation_sequence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE cache_generation;");
            migrationBuilder.CreateSequence(
                name: "cache_generation");
        }
    }
}
