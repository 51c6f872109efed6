namespace AgentLightning.Benchmarks;

/// <summary>One benchmark, run by name: <c>dotnet run --project Tests/Benchmarks -c Release -- {Name} [options]</c>.</summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Options of this scenario beyond the common ones, with their defaults.</summary>
    IReadOnlyDictionary<string, int> Options { get; }

    Task RunAsync(BenchmarkArgs args);
}
