using System.Text;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class AgentRepository
{
    private const string PageColumns = "id, name, model, specialization, status, config, capabilities, created_at, updated_at, version";

    /// <summary>
    /// One page of agents by id, read from PostgreSQL (never the cache, so a read after a write sees it): one
    /// keyset query on an index per filter ((status, id), (model, id), (specialization, id), a trigram index on
    /// the name), costing the same on the last page as on the first.
    /// </summary>
    /// <remarks>
    /// Plain Npgsql, not EF: the list is the hottest read and a page's 101 rows are never tracked or saved. Through EF
    /// a third of the service's CPU per page went to the query's translation cache and the materializer, which read
    /// each agent's capabilities (text[]) through Npgsql's untyped array path. Each combination of filters is one
    /// statement text, so Npgsql's auto-prepare keeps it planned.
    /// </remarks>
    public Task<Page<Agent>> PageAsync(AgentListFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        var size = page.Size; // a bad limit is a 400 before any read, not an error inside the retried one
        filter.Validate();
        var after = page.AfterKey;
        var sql = new StringBuilder("SELECT " + PageColumns + " FROM agents WHERE true");
        var values = new List<object>();
        Condition(sql, values, "status = $", filter.Status);
        Condition(sql, values, "model = $", filter.Model);
        Condition(sql, values, "specialization = $", filter.Specialization);
        Condition(sql, values, @"name ILIKE $ ESCAPE '\'", filter.NamePattern);
        Condition(sql, values, "id > $", after);
        values.Add(size + 1);
        sql.Append(" ORDER BY id LIMIT $").Append(values.Count);
        var text = sql.ToString();
        return ReadPlainAsync(async (postgres, ct) =>
        {
            await using var command = postgres.CreateCommand(text);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<Agent>(size + 1);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(Read(reader));
            }

            return PageQueries.ToPage(rows, size, a => [a.Id]);
        }, cancellationToken);
    }

    /// <summary>Adds "AND {condition}" with the value as the next positional parameter ($ in the condition); nothing for an absent filter.</summary>
    private static void Condition(StringBuilder sql, List<object> values, string condition, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values.Add(value);
            sql.Append(" AND ").Append(condition.Replace("$", "$" + values.Count, StringComparison.Ordinal));
        }
    }

    private static Agent Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0),
        Name = row.GetString(1),
        Model = row.GetString(2),
        Specialization = row.IsDBNull(3) ? null : row.GetString(3),
        Status = row.GetString(4),
        Config = row.GetFieldValue<string>(5),
        Capabilities = [.. row.GetFieldValue<string[]>(6)],
        CreatedAt = row.GetFieldValue<DateTimeOffset>(7),
        UpdatedAt = row.GetFieldValue<DateTimeOffset>(8),
        Version = row.GetInt64(9),
    };
}
