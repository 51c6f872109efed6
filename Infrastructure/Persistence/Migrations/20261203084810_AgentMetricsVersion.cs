using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentMetricsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "agent_metrics",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "agent_metrics");
        }
    }
}
