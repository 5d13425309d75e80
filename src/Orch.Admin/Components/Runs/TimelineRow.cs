using Orch.Core.Execution;

namespace Orch.Admin.Components.Runs;

/// <summary>One task of the timeline: its key and title, and its attempts in order.</summary>
public sealed record TimelineRow(string Key, string Title, IReadOnlyList<AttemptSpan> Attempts);
