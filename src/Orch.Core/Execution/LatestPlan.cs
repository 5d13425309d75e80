using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>A project's newest plan version: a draft waiting for review, or the approved one.</summary>
public sealed record LatestPlan(Guid Id, int Version, PlanStatus Status);
