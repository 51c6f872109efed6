using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Infrastructure.Hosting;

namespace AgentLightning.Testing.Processes;

/// <summary>
/// A real service as an OS process of its own, started as run.sh starts it, so a test can SIGKILL it. The
/// test project references the service's project, which copies its dll next to the tests.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    // A quiet machine starts a service in seconds; eight of them beside builds on two cores took over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string service, Process process, Uri address)
    {
        Service = service;
        _process = process;
        Client = new HttpClient { BaseAddress = address };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
    }

    /// <summary>The service's directory under Services/, which is also its assembly's name after the prefix.</summary>
    public string Service { get; }

    public HttpClient Client { get; }

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
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, $"AgentLightning.{service}.dll"), "--urls", address.ToString() },
            // The content root, as with run.sh: the service reads its own appsettings.json.
            WorkingDirectory = Path.Combine(TestServers.RepositoryRoot, "Services", service),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in variables.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        var process = new ServiceProcess(service, new Process { StartInfo = start }, address);
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
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        try
        {
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
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
