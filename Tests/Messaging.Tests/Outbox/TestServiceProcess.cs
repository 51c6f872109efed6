using System.Diagnostics;
using AgentLightning.Testing;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>The Messaging.TestService producer as a real OS process, so a test can SIGKILL it.</summary>
public sealed class TestServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("COMMITTED ", StringComparison.Ordinal) == true)
            {
                _committed.TrySetResult(int.Parse(line.Data[10..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _process.Exited += (_, _) => _committed.TrySetException(new InvalidOperationException($"The test service exited with {_process.ExitCode}."));
    }

    public static TestServiceProcess Start(string postgres, string queuePrefix, int produce, bool deliver)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AgentLightning.Messaging.TestService.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = postgres,
                ["ConnectionStrings__Redis"] = TestServers.Redis,
                ["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq,
                ["Service__Name"] = "test-producer",
                ["Messaging__QueuePrefix"] = queuePrefix,
                ["Messaging__WaitUntilStarted"] = "true",
                ["Messaging__Outbox__DeliveryEnabled"] = deliver ? "true" : "false",
                ["Messaging__Outbox__PollInterval"] = "00:00:00.500",
                ["Produce__Count"] = produce.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new TestServiceProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    public Task<int> Committed => _committed.Task.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>SIGKILL: no shutdown hook, no flush, no goodbye to the broker.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
