namespace Orch.Core.Execution;

/// <summary>What a task produced: its accepted output (or its latest attempt's), the files it wrote, and the verifier's verdict.</summary>
public sealed record TaskOutputView(
    Guid TaskId,
    string Key,
    string Title,
    Plans.PlanTaskStatus Status,
    int Attempts,
    string? Output,
    IReadOnlyList<string> Files,
    string? Verdict,
    string? VerdictDetail,
    string? Error);
