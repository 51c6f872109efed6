using System.Globalization;

namespace AgentLightning.Benchmarks;

/// <summary>Integer options given as <c>--name value</c>; a scenario accepts the common ones and its own, whose defaults win.</summary>
public sealed class BenchmarkArgs
{
    public static readonly IReadOnlyDictionary<string, int> Common = new Dictionary<string, int>
    {
        ["callers"] = 32,
        ["warmup"] = 3,
        ["seconds"] = 10,
    };

    private readonly Dictionary<string, int> _values;

    private BenchmarkArgs(Dictionary<string, int> values) => _values = values;

    public int Callers => _values["callers"];

    public TimeSpan Warmup => TimeSpan.FromSeconds(_values["warmup"]);

    public TimeSpan Duration => TimeSpan.FromSeconds(_values["seconds"]);

    public int this[string name] => _values[name];

    public static BenchmarkArgs Parse(string[] args, IScenario scenario)
    {
        var values = Common.Where(o => !scenario.Options.ContainsKey(o.Key)).Concat(scenario.Options).ToDictionary(o => o.Key, o => o.Value);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!values.ContainsKey(name))
            {
                throw new ArgumentException($"Unknown option '{args[i]}' for scenario '{scenario.Name}'.");
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"Option '{args[i]}' needs a positive whole number.");
            }

            values[name] = value;
        }

        return new BenchmarkArgs(values);
    }
}
