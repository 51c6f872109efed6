using System.Globalization;
using System.Net.Http.Headers;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// A histogram of a service process as its /metrics exports it: cumulative counts per bucket bound, summed over its
/// series. The difference of two snapshots is a phase's; its quantiles are interpolated within a bucket, so they are
/// only as fine as the buckets (0.5, 1, 2.5, 5, 10, 25, 50, 75, 100 ms, ...).
/// </summary>
internal sealed record ServiceHistogram(SortedDictionary<double, double> Cumulative)
{
    public double Count => Cumulative.Count == 0 ? 0 : Cumulative.Values.Max();

    public static async Task<IReadOnlyDictionary<string, ServiceHistogram>> ReadAsync(ServiceProcess process, AuthenticationHeaderValue token, params string[] families)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = token } };
        using var response = await process.Client.SendAsync(request);
        var text = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable("BENCH_METRICS_DIR") is { Length: > 0 } directory)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, $"histograms-{process.Service}-{DateTime.UtcNow:HHmmss.fff}.txt"), text);
        }

        var lines = text.Split('\n');
        return families.ToDictionary(f => f, f => Parse(lines, f + "_bucket{"));
    }

    public ServiceHistogram Since(ServiceHistogram before) =>
        new(new SortedDictionary<double, double>(Cumulative.ToDictionary(b => b.Key, b => b.Value - before.Cumulative.GetValueOrDefault(b.Key))));

    /// <summary>In milliseconds, linear within the bucket that holds the rank; NaN when empty, +∞ beyond the last finite bound.</summary>
    public double Milliseconds(double quantile)
    {
        var rank = quantile * Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (bound, cumulative) in Cumulative)
        {
            if (cumulative >= rank && cumulative > below)
            {
                return double.IsPositiveInfinity(bound) ? bound : 1000 * (lower + (bound - lower) * (rank - below) / (cumulative - below));
            }

            (lower, below) = (bound, cumulative);
        }

        return double.NaN;
    }

    private static ServiceHistogram Parse(string[] lines, string prefix)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var line in lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var text = line[le..line.IndexOf('"', le)];
            var bound = text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
            var value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }

        return new(buckets);
    }
}
