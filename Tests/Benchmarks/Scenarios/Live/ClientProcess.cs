using System.Diagnostics;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// The clients in a process of their own (this harness started as <c>websocket-clients</c>), as browsers are elsewhere:
/// their receive work does not queue behind the producer's commits and outbox rounds in one thread pool, and their CPU is
/// counted apart. Arrival times are <see cref="Stopwatch"/> timestamps, CLOCK_MONOTONIC on Linux: one clock for every
/// process of the machine, the one the commits are timed with.
/// </summary>
internal sealed class ClientProcess : IClients
{
    public const string Mode = "websocket-clients";
    private const string TokenVariable = "BENCH_WEBSOCKET_TOKEN";

    private readonly Process _process;
    private readonly BinaryReader _replies;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ClientProcess(Process process)
    {
        _process = process;
        _replies = new BinaryReader(process.StandardOutput.BaseStream);
    }

    public int Count { get; private set; }

    public int? ProcessId => _process.Id;

    public static ClientProcess Start(Uri socket, string token)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(ClientProcess).Assembly.Location, Mode, socket.ToString() },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            Environment = { [TokenVariable] = token },
        };
        return new ClientProcess(Process.Start(start) ?? throw new InvalidOperationException("The clients' process did not start."));
    }

    public async Task AddAsync(int clients) => Count = await AskAsync($"add {clients}", r => r.ReadInt32());

    public Task<long> FewestAsync() => AskAsync("fewest", r => r.ReadInt64());

    public Task<List<(Guid Id, long At)>> TakeAsync() => AskAsync("take", r =>
    {
        var frames = new List<(Guid, long)>(r.ReadInt32());
        for (var i = frames.Capacity; i > 0; i--)
        {
            frames.Add((new Guid(r.ReadBytes(16)), r.ReadInt64()));
        }

        return frames;
    });

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _gate.Dispose();
    }

    /// <summary>The child's side: commands on stdin, binary replies on stdout (nothing else writes there).</summary>
    public static async Task<int> RunAsync(Uri socket)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} is not set.");
        await using var clients = new HarnessClients(socket, token);
        await using var output = new BinaryWriter(Console.OpenStandardOutput());
        while (Console.ReadLine()?.Split(' ') is [var command, .. var rest])
        {
            switch (command)
            {
                case "add":
                    await clients.AddAsync(int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture));
                    output.Write(clients.Count);
                    break;
                case "fewest":
                    output.Write(await clients.FewestAsync());
                    break;
                case "take":
                    var frames = await clients.TakeAsync();
                    output.Write(frames.Count);
                    foreach (var (id, at) in frames)
                    {
                        output.Write(id.ToByteArray());
                        output.Write(at);
                    }

                    break;
            }

            output.Flush();
        }

        return 0;
    }

    private async Task<T> AskAsync<T>(string command, Func<BinaryReader, T> read)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await Task.Run(() => read(_replies));
        }
        finally
        {
            _gate.Release();
        }
    }
}
