using System.Runtime;
using System.Runtime.InteropServices;
using AgentLightning.Testing;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.Benchmarks;

/// <summary>What the numbers were measured on; the servers run on the same machine as the harness.</summary>
internal static class MachineInfo
{
    public static async Task PrintAsync()
    {
        Console.WriteLine($"machine:    {CpuModel()}, {Environment.ProcessorCount} cores, {MemoryGb():F1} GB RAM");
        Console.WriteLine($"os:         {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Console.WriteLine($"runtime:    {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine($"load:       {File.ReadAllText("/proc/loadavg").Trim()} (/proc/loadavg at start; the servers share these cores)");
        Console.WriteLine($"postgresql: {await PostgresVersionAsync()}");
        Console.WriteLine($"redis:      {await RedisVersionAsync()}");
        Console.WriteLine($"rabbitmq:   {RabbitMqProcess()}");
    }

    /// <summary>The stack's broker (scripts/stack.sh writes its pid file), counted with the servers' CPU.</summary>
    private static string RabbitMqProcess()
    {
        const string pidFile = "/var/lib/rabbitmq/mnesia/rabbit@localhost.pid";
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return $"pid unknown ({pidFile} unreadable): its CPU counts as other";
        }

        CpuTicks.ServerProcessIds.Add(pid);
        return $"pid {pid}";
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemoryGb()
    {
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }

    private static async Task<string> PostgresVersionAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> RedisVersionAsync()
    {
        var options = ConfigurationOptions.Parse(TestServers.Redis);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var info = await redis.GetServers()[0].InfoAsync("server");
        var server = info.SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value);
        if (int.TryParse(server.GetValueOrDefault("process_id"), out var pid))
        {
            CpuTicks.ServerProcessIds.Add(pid);
        }

        return $"{server.GetValueOrDefault("redis_version")} ({server.GetValueOrDefault("redis_mode")})";
    }
}
