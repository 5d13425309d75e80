namespace Orch.Admin.Tests.Browser;

/// <summary>A task of the browser tests' small report plans, as a plan's JSON writes it.</summary>
internal static class ReportPart
{
    public static object Of(string key, string tier, int? maxAttempts, string[] dependsOn) => new
    {
        key,
        title = $"Write part {key}",
        description = $"Write part {key} of the report.",
        kind = "writing",
        complexity = "low",
        tier,
        depends_on = dependsOn,
        acceptance_criteria = Array.Empty<string>(),
        max_attempts = maxAttempts,
    };
}
