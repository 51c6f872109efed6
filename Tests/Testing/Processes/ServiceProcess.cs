using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AgentLightning.Infrastructure.Hosting;

namespace AgentLightning.Testing.Processes;

/// <summary>
/// A real service as an OS process of its own, started as run.sh starts it, so a test can SIGKILL it. The
/// test project references the service's project, which copies its dll next to the tests.
/// </summary>
/// <remarks>
/// The service binds port 0 and the test learns the port from the service's own "Now listening on" line. Picking a
/// free port first and passing it on is a race: between the pick and the bind another process (or a connection) may
/// take it, and the readiness probe then gets its 200 from whoever holds the port — once a Workflow Engine that had
/// failed to bind was "ready" because the port answered as another service.
/// </remarks>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    // A quiet machine starts a service in seconds; eight of them beside builds on two cores took over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient? _client;

    private ServiceProcess(string service, Process process)
    {
        Service = service;
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
    }

    /// <summary>The service's directory under Services/, which is also its assembly's name after the prefix.</summary>
    public string Service { get; }

    public HttpClient Client => _client ?? throw new InvalidOperationException($"{Service} has not said where it listens yet.");

    public Uri Address => Client.BaseAddress!;

    public int ProcessId => _process.Id;

    /// <summary>The service's own output, for the message of a failing test.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts an instance of <paramref name="service"/> (e.g. "AgentDesigner") with <paramref name="variables"/> as
    /// its environment, then <paramref name="overrides"/>, and waits until it is ready.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string service, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, $"AgentLightning.{service}.dll"), "--urls", "http://127.0.0.1:0" },
            // The content root, as with run.sh: the service reads its own appsettings.json.
            WorkingDirectory = Path.Combine(TestServers.RepositoryRoot, "Services", service),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in variables.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        // Whatever level the test asked for, the line that tells where the service listens must be written.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var process = new ServiceProcess(service, new Process { StartInfo = start });
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        await process.WaitUntilReadyAsync();
        return process;
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no goodbye to the broker.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        try
        {
            var exited = _process.WaitForExitAsync();
            var listening = await Task.WhenAny(_listening.Task, exited).WaitAsync(StartTimeout);
            if (listening != _listening.Task)
            {
                throw new InvalidOperationException($"{Service} exited with {_process.ExitCode} before it listened.");
            }

            _client = new HttpClient { BaseAddress = await _listening.Task };
            await Eventually.Until(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Service} exited with {_process.ExitCode}.");
                }

                try
                {
                    using var response = await Client.GetAsync(DefaultEndpoints.ReadyPath);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, $"{Service} answers 200 on {DefaultEndpoints.ReadyPath}", StartTimeout);
        }
        catch (Exception e)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"{e.Message} Its output:{Environment.NewLine}{Output}", e);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    // Kestrel's own line, e.g. "Now listening on: http://127.0.0.1:41234", inside the service's JSON log line.
    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
