namespace AgentLightning.Testing;

/// <summary>
/// A Redis server of a test's own (scripts/redis-instance.sh), so the test can stop and start it without
/// disturbing any other test.
/// </summary>
public sealed class RedisInstance : IAsyncDisposable
{
    private static int _nextPort = 16_400 + (Environment.ProcessId % 500) * 8;

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

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task Script(string command) =>
        Shell.RunAsync("bash", "scripts/redis-instance.sh", command, PortText);

    private string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
