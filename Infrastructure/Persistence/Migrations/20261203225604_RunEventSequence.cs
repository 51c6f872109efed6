using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// workflow_runs.version becomes the last of the saga's events applied, of any kind (it was the last run-level one,
    /// each step keeping its own): a run in flight takes the highest version its row has seen, so that its next event
    /// is the next in sequence and not taken for one that overtook another.
    /// </summary>
    public partial class RunEventSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE workflow_runs SET version = steps_version
                FROM (SELECT id AS run_id, max((step ->> 'version')::bigint) AS steps_version
                      FROM workflow_runs, jsonb_array_elements(steps) AS step GROUP BY id) AS seen
                WHERE id = seen.run_id AND seen.steps_version > version;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The old reading (a run-level version) is still a lower bound of what each step shows: nothing to undo.
        }
    }
}
