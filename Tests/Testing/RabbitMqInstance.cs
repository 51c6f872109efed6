using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentLightning.Testing;

/// <summary>
/// A RabbitMQ node of a test's own (scripts/rabbitmq-instance.sh), so the test can stop and start the broker
/// without disturbing the shared one on 5672. Its durable queues and their messages survive
/// <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>; <see cref="DisposeAsync"/> stops it and deletes them.
/// </summary>
public sealed class RabbitMqInstance : IAsyncDisposable
{
    // The node uses its AMQP port P, P+10000 (management), P+20000 (Erlang distribution) and P+30000..P+30010
    // (its CLI tools), so ports go in slots of 10 from 21000 to 24990. Each test process starts at a slot of
    // its own; a claim file locked for the instance's lifetime keeps two processes off the same slot.
    private const int FirstPort = 21_000;
    private const int SlotWidth = 10;
    private const int Slots = 400;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static int _nextSlot = Environment.ProcessId % Slots;

    private readonly FileStream _claim;
    private bool _disposed;

    private RabbitMqInstance(int port, bool management, FileStream claim)
    {
        Port = port;
        Management = management;
        _claim = claim;
    }

    public int Port { get; }

    public bool Management { get; }

    public string NodeName => $"rabbit-{PortText}@localhost";

    /// <summary>guest may log in only over loopback, which is all the node listens on.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{PortText}/";

    /// <summary>The management API (guest/guest), when started with it.</summary>
    public Uri? ManagementUri => Management ? new Uri($"http://127.0.0.1:{Port + 10_000}/") : null;

    /// <summary>Starts a new node on a free port; <paramref name="management"/> adds the management API (~1-3 s slower).</summary>
    public static async Task<RabbitMqInstance> StartAsync(bool management = false)
    {
        for (var attempt = 0; attempt < Slots; attempt++)
        {
            var port = FirstPort + (Interlocked.Increment(ref _nextSlot) % Slots) * SlotWidth;
            if (TryClaim(port) is not { } claim)
            {
                continue;
            }

            var instance = new RabbitMqInstance(port, management, claim);
            try
            {
                await instance.StartAgainAsync();
                return instance;
            }
            catch
            {
                try
                {
                    await instance.DisposeAsync();
                }
                catch (Exception)
                {
                    // The start's failure is the one to report.
                }

                throw;
            }
        }

        throw new InvalidOperationException($"No free RabbitMQ port between {FirstPort} and {FirstPort + Slots * SlotWidth}.");
    }

    /// <summary>Starts the node (again); returns once it accepts AMQP connections.</summary>
    public Task StartAgainAsync() => Management ? Script("start", "--management") : Script("start");

    /// <summary>Shuts the node down (rabbitmqctl shutdown), keeping its data.</summary>
    public Task StopAsync() => Script("stop");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Script("delete");
        }
        finally
        {
            await _claim.DisposeAsync();
        }
    }

    private static FileStream? TryClaim(int port)
    {
        // The claim is per port, like the node name, so it lives beside nothing of one checkout.
        var directory = Path.Combine(Path.GetTempPath(), "agent-lightning-rabbitmq-ports");
        Directory.CreateDirectory(directory);
        FileStream claim;
        try
        {
            // FileShare.None takes an exclusive flock(2): held until disposed, released if the process dies.
            claim = new FileStream(Path.Combine(directory, $"{port}.claim"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }

        // Also free of anything not started through this class (and of a node left behind by a killed test run).
        if (new[] { port, port + 10_000, port + 20_000 }.All(IsFree))
        {
            return claim;
        }

        claim.Dispose();
        return null;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task Script(params string[] arguments)
    {
        ObjectDisposedException.ThrowIf(_disposed && arguments[0] != "delete", this);
        string[] all = ["scripts/rabbitmq-instance.sh", arguments[0], PortText, .. arguments[1..]];
        await RunAsync("bash", all);
    }

    /// <summary>Like <see cref="Shell.RunAsync(string, string[])"/>, but a start may take longer and a timeout still shows the output.</summary>
    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = TestServers.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {program}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var command = $"{program} {string.Join(' ', arguments)}";
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {ScriptTimeout}: {Text()}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {Text()}");
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private string PortText => Port.ToString(CultureInfo.InvariantCulture);
}
