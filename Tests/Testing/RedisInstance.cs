namespace AgentLightning.Testing;

/// <summary>
/// A Redis server of a test's own (scripts/redis-instance.sh), so the test can stop and start it without
/// disturbing any other test.
/// </summary>
public sealed class RedisInstance : IAsyncDisposable
{
    private static int _nextPort = 16_400 + (Environment.ProcessId % 500) * 8;

    private bool _paused;

    private RedisInstance(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisInstance> StartAsync()
    {
        var instance = new RedisInstance(Interlocked.Increment(ref _nextPort));
        await instance.StartAgainAsync();
        return instance;
    }

    public Task StartAgainAsync() => Script("start");

    public Task StopAsync() => Script("stop");

    /// <summary>Stops the server after writing its data to disk, so the next start loads every old entry.</summary>
    public async Task StopKeepingDataAsync()
    {
        // redis-cli returns once the server has saved and closed the connection.
        await Shell.RunAsync("redis-cli", "-h", "127.0.0.1", "-p", PortText, "shutdown", "save");
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open, every command times out.</summary>
    public async Task PauseAsync()
    {
        await Signal("-STOP");
        _paused = true;
    }

    public async Task ResumeAsync()
    {
        await Signal("-CONT");
        _paused = false;
    }

    /// <summary>Writes a snapshot now, which the next start loads unless a later save replaces it.</summary>
    public Task SaveAsync() => Cli("save");

    /// <summary>Loses every key, as a restart without persistence would, without restarting.</summary>
    public Task FlushAsync() => Cli("flushall");

    public async ValueTask DisposeAsync()
    {
        if (_paused)
        {
            await ResumeAsync();
        }

        await StopAsync();
    }

    private Task Cli(string command) => Shell.RunAsync("redis-cli", "-h", "127.0.0.1", "-p", PortText, command);

    private async Task Signal(string signal)
    {
        var pid = await File.ReadAllTextAsync(Path.Combine(TestServers.RepositoryRoot, ".local", $"redis-{PortText}", "redis.pid"));
        await Shell.RunAsync("kill", signal, pid.Trim());
    }

    private Task Script(string command) =>
        Shell.RunAsync("bash", "scripts/redis-instance.sh", command, PortText);

    private string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
