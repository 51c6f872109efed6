namespace AgentLightning.Benchmarks;

internal static class Usage
{
    public static void Print(IEnumerable<IScenario> scenarios)
    {
        Console.Error.WriteLine("usage: dotnet run --project Tests/Benchmarks -c Release -- <scenario> [--option value ...]");
        Console.Error.WriteLine("needs the local stack (scripts/stack.sh start); options of every scenario: "
            + Describe(BenchmarkArgs.Common) + " (warmup and seconds in seconds)");
        foreach (var scenario in scenarios)
        {
            Console.Error.WriteLine($"  {scenario.Name,-8} {scenario.Description}");
            if (scenario.Options.Count > 0)
            {
                Console.Error.WriteLine($"  {"",-8} {Describe(scenario.Options)}");
            }
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> options) =>
        string.Join(' ', options.Select(o => $"[--{o.Key} {o.Value}]"));
}
