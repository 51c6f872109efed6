using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SagaTransitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "saga_transitions",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    saga_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    to_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(200)", maxLength: 200, nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    initiator_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saga_transitions", x => x.sequence);
                });

            migrationBuilder.CreateIndex(
                name: "ix_saga_transitions_correlation_id_sequence",
                table: "saga_transitions",
                columns: new[] { "correlation_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_saga_transitions_saga_type_recorded_at",
                table: "saga_transitions",
                columns: new[] { "saga_type", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "saga_transitions");
        }
    }
}
