namespace Orch.Core.Plans;

/// <summary>Settings under <c>Orch:Plans</c>.</summary>
public sealed class PlanOptions
{
    public const string SectionName = "Orch:Plans";

    /// <summary>The hard ceiling for <see cref="MaxTasks"/>.</summary>
    public const int MaxTasksCeiling = 100_000;

    /// <summary>The most tasks one plan may have; a larger plan is refused before it is examined.</summary>
    public int MaxTasks { get; set; } = 1_000;
}
