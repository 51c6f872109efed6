using System.Diagnostics;

namespace AgentLightning.Testing;

public static class Shell
{
    /// <summary>Runs a repository script (or any program) and fails loudly with its output if it fails.</summary>
    public static Task<string> RunAsync(string program, params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), program, arguments);

    /// <summary>The same with extra environment variables (a secret there stays out of the failure message).</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = TestServers.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }

        return await output;
    }
}
