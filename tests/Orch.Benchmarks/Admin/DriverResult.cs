namespace Orch.Benchmarks.Admin;

/// <summary>What a <see cref="CompletionDriver"/> run completed, and in how long.</summary>
internal sealed record DriverResult(int Completed, TimeSpan Elapsed)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}
