using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "text", nullable: false),
                    message_types = table.Column<string[]>(type: "text[]", nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    headers = table.Column<string>(type: "jsonb", nullable: false),
                    properties = table.Column<string>(type: "jsonb", nullable: false),
                    source_service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source_queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    dead_letter_queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    exception_type = table.Column<string>(type: "text", nullable: true),
                    exception_message = table.Column<string>(type: "text", nullable: true),
                    stack_trace = table.Column<string>(type: "text", nullable: true),
                    retry_count = table.Column<int>(type: "integer", nullable: false),
                    redelivery_count = table.Column<int>(type: "integer", nullable: false),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    failure_count = table.Column<int>(type: "integer", nullable: false),
                    first_failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    replay_count = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letters", x => x.id);
                    table.CheckConstraint("ck_dead_letters_reason", "reason IN ('fault', 'skipped', 'poison', 'undeliverable')");
                    table.CheckConstraint("ck_dead_letters_status", "status IN ('pending', 'replayed', 'archived')");
                });

            migrationBuilder.CreateTable(
                name: "dead_letter_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    dead_letter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detail = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letter_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_dead_letter_actions_dead_letter_dead_letter_id",
                        column: x => x.dead_letter_id,
                        principalTable: "dead_letters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letter_actions_dead_letter_id_at",
                table: "dead_letter_actions",
                columns: new[] { "dead_letter_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_source_queue_message_id",
                table: "dead_letters",
                columns: new[] { "source_queue", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_status_last_failed_at",
                table: "dead_letters",
                columns: new[] { "status", "last_failed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letter_actions");

            migrationBuilder.DropTable(
                name: "dead_letters");
        }
    }
}
