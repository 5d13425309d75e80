namespace Orch.Core.Execution;

/// <summary>
/// What the dashboard's run view shows of a project: its run (status, spend, caps, tasks), its newest plan
/// version (a newer draft waits for review), and every attempt of the run's tasks for the timeline.
/// </summary>
public sealed record RunBoard(ProjectRunView Run, LatestPlan? LatestPlan, IReadOnlyList<AttemptSpan> Attempts);
