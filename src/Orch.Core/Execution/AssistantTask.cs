using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>
/// A task an assistant claimed to do itself: what to do, what its dependencies produced, and the
/// run it must hand its result back to before <see cref="LeaseExpiresAt"/>.
/// </summary>
public sealed record AssistantTask(
    Guid RunId,
    Guid TaskId,
    Guid ProjectId,
    int Attempt,
    PlanTaskDefinition Task,
    IReadOnlyList<DependencyOutput> Dependencies,
    string? Feedback,
    DateTimeOffset LeaseExpiresAt,
    string Workspace);
