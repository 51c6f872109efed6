namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Settings for the services only, from the harness's environment: <c>BENCH_SERVICE_DOTNET_gcServer=0</c> starts them
/// with workstation GC while the harness keeps its own. For A/B runs of runtime knobs without a rebuild.
/// </summary>
internal static class ServiceEnvironment
{
    private const string Prefix = "BENCH_SERVICE_";

    public static Dictionary<string, string> FromHarness()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                settings[name[Prefix.Length..]] = value;
            }
        }

        if (settings.Count > 0)
        {
            Console.WriteLine($"services:   {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        }

        return settings;
    }
}
