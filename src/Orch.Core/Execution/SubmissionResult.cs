using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>What became of a submitted result once verified: the task's new state and the verdict.</summary>
public sealed record SubmissionResult(
    string TaskKey,
    PlanTaskStatus Status,
    string? Verdict,
    string? VerdictDetail,
    IReadOnlyList<string> Files,
    string Message);
