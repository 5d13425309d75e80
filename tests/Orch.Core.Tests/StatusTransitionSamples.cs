using Orch.Core.Plans;

namespace Orch.Core.Tests;

/// <summary>The clock reading and entities shared by the *TransitionTests classes.</summary>
internal static class StatusTransitionSamples
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    internal static Plan NewPlan()
    {
        var planId = Guid.NewGuid();
        return new Plan(planId, Guid.NewGuid(), 1, PlanSource.Manual, "Write a report", null, null, [Definition("report")], Guid.NewGuid, Now);
    }

    internal static PlanTask NewPlanTask() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0, Definition("report"));

    internal static PlanTaskDefinition Definition(string key) =>
        new(key, $"Do {key}", string.Empty, TaskKind.Writing, TaskComplexity.Low, null, [], [], 0, [], 0);
}
