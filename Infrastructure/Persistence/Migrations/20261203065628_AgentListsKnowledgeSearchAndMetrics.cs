using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentListsKnowledgeSearchAndMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "knowledge",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english', category), 'A') || setweight(to_tsvector('english', content), 'B')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "agent_metrics",
                columns: table => new
                {
                    agent_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    tasks_completed = table.Column<long>(type: "bigint", nullable: false),
                    tasks_failed = table.Column<long>(type: "bigint", nullable: false),
                    last_active_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_metrics", x => x.agent_id);
                });

            migrationBuilder.CreateTable(
                name: "agent_task_outcomes",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_task_outcomes", x => x.task_id);
                });

            migrationBuilder.CreateTable(
                name: "agent_workflow_activity",
                columns: table => new
                {
                    workflow_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    ended = table.Column<bool>(type: "boolean", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_workflow_activity", x => x.workflow_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_agent_id_created_at_id",
                table: "knowledge",
                columns: new[] { "agent_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_search_vector",
                table: "knowledge",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_agents_model_id",
                table: "agents",
                columns: new[] { "model", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_agents_name",
                table: "agents",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_agents_specialization_id",
                table: "agents",
                columns: new[] { "specialization", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_agents_status_id",
                table: "agents",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_workflow_activity_agent_ids",
                table: "agent_workflow_activity",
                column: "agent_ids",
                filter: "NOT ended")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_metrics");

            migrationBuilder.DropTable(
                name: "agent_task_outcomes");

            migrationBuilder.DropTable(
                name: "agent_workflow_activity");

            migrationBuilder.DropIndex(
                name: "ix_knowledge_agent_id_created_at_id",
                table: "knowledge");

            migrationBuilder.DropIndex(
                name: "ix_knowledge_search_vector",
                table: "knowledge");

            migrationBuilder.DropIndex(
                name: "ix_agents_model_id",
                table: "agents");

            migrationBuilder.DropIndex(
                name: "ix_agents_name",
                table: "agents");

            migrationBuilder.DropIndex(
                name: "ix_agents_specialization_id",
                table: "agents");

            migrationBuilder.DropIndex(
                name: "ix_agents_status_id",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "knowledge");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
