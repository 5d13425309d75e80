using Orch.Benchmarks.Mcp;

namespace Orch.Benchmarks.Admin;

/// <summary>A line of the report's table; <see cref="Pass"/> is null where there is no target.</summary>
internal sealed record ReportRow(string Measure, string Target, string Measured, bool? Pass)
{
    /// <summary>A timing: min, median, p95 and max in ms; judged on its p95 when it has a target.</summary>
    public static ReportRow Timing(string measure, Samples samples, double? targetMs) => new(
        measure,
        targetMs is { } target ? $"p95 < {target:N0} ms" : "—",
        $"min {samples.Min:F1} · median {samples.Median:F1} · p95 {samples.P95:F1} · max {samples.Max:F1} ms (n = {samples.Count})",
        targetMs is { } limit ? samples.P95 < limit : null);

    public string Result => Pass switch { true => "pass", false => "FAIL", null => "—" };
}
