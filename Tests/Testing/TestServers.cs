using System.Reflection;
using Npgsql;

namespace AgentLightning.Testing;

/// <summary>
/// Where the real PostgreSQL, Redis and RabbitMQ of the local stack are. The values come from the environment
/// that scripts/dev-env.sh exports; when a test runs outside ./test.sh they are read from .local/dev.env.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> DevEnv = new(ReadDevEnv);

    public static string Postgres => Setting("ConnectionStrings__Postgres") ?? ComposePostgres();

    public static string Redis => Setting("ConnectionStrings__Redis") ?? "127.0.0.1:6379";

    public static string RabbitMq => Setting("ConnectionStrings__RabbitMq") ?? ComposeRabbitMq();

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    /// <summary>The same PostgreSQL server, another database.</summary>
    public static string PostgresDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    private static string ComposePostgres() =>
        $"Host=127.0.0.1;Port=5432;Database=agent_lightning;Username=agent_lightning;Password={Required("AL_POSTGRES_PASSWORD")};SSL Mode=Disable";

    private static string ComposeRabbitMq() =>
        $"amqp://agent_lightning:{Required("AL_RABBITMQ_PASSWORD")}@127.0.0.1:5672/agent_lightning";

    private static string? Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Required(string name) =>
        Setting(name) ?? (DevEnv.Value.TryGetValue(name, out var value) ? value : throw new InvalidOperationException(
            $"{name} is not set and .local/dev.env does not have it: start the local stack with ./test.sh or scripts/stack.sh start."));

    private static Dictionary<string, string> ReadDevEnv()
    {
        var path = Path.Combine(RepositoryRoot, ".local", "dev.env");
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim().Trim('"', '\''));
    }

    /// <summary>Where the Testing project was built from, else above the test binaries or the working directory.</summary>
    private static string FindRepositoryRoot()
    {
        var builtFrom = typeof(TestServers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        string[] starts = [builtFrom ?? AppContext.BaseDirectory, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentLightning.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("AgentLightning.sln not found above " + string.Join(" or ", starts));
    }
}
