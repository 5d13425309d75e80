namespace Orch.Benchmarks.Mcp;

/// <summary>Repeated measures of one thing, summarised by nearest rank (the p95 of 10 runs is their slowest).</summary>
internal sealed class Samples
{
    private readonly double[] sorted;

    private Samples(double[] sorted)
    {
        this.sorted = sorted;
    }

    public int Count => sorted.Length;

    public double Min => sorted[0];

    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => sorted[^1];

    public static Samples Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? throw new ArgumentException("No measures to summarise.", nameof(values)) : new Samples(sorted);
    }

    public double Percentile(double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
