using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLightning.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// agent_workflow_activity is keyed by the run (the events' RunId) instead of the workflow definition, which all
    /// runs of a workflow share. The old rows are dropped: an ended one guards no key an event will name again, and a
    /// running one would keep its agents busy for good, as its end now names the run. In their place each run in
    /// flight, as the WorkflowRun saga's own state has it, makes its steps' agents busy until its end is consumed.
    /// </summary>
    public partial class WorkflowActivityPerRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM agent_workflow_activity;");

            migrationBuilder.RenameColumn(
                name: "workflow_id",
                table: "agent_workflow_activity",
                newName: "run_id");

            // A saga not yet Final has not published its end. One whose start is still on its way is busy a little
            // early; the late start then changes nothing (its row is there).
            migrationBuilder.Sql("""
                INSERT INTO agent_workflow_activity (run_id, agent_ids, ended)
                SELECT s.correlation_id, ARRAY(SELECT DISTINCT step ->> 'agentId' FROM jsonb_array_elements(s.steps) AS step), false
                FROM workflow_run_sagas s
                WHERE s.current_state IS DISTINCT FROM 'Final';
                """);

            // The agents' metrics may be cached (up to an hour) with the old counts: a new generation makes every process distrust what Redis holds.
            migrationBuilder.Sql("UPDATE cache_generation SET value = value + 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Keyed by workflow again, a run's row would never end: the agents are shown available until their next start.
            migrationBuilder.Sql("DELETE FROM agent_workflow_activity;");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "agent_workflow_activity",
                newName: "workflow_id");

            migrationBuilder.Sql("UPDATE cache_generation SET value = value + 1;");
        }
    }
}
