using Orch.Core.Projects;

namespace Orch.Core.Execution;

/// <summary>What a control action did: <paramref name="Changed"/> is false for a no-op, and the message says why.</summary>
public sealed record ControlResult(bool Changed, string Message, ProjectStatus ProjectStatus);
