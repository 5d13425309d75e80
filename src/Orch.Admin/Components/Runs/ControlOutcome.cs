using Radzen;

namespace Orch.Admin.Components.Runs;

/// <summary>What a person's control action came to, as the page shows it: Core's message, or why it was refused.</summary>
public sealed record ControlOutcome(AlertStyle Style, string Message);
