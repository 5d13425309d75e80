namespace Orch.Core.Execution;

/// <summary>
/// An assistant's result for a task it claimed. What the work used is required: the model and its
/// token counts, or <see cref="Subscription"/> to record it, explicitly, as paid by a flat-rate plan.
/// </summary>
public sealed record AssistantSubmission(
    Guid RunId,
    string Output,
    IReadOnlyList<SubmittedFile>? Files,
    string? Model,
    long? InputTokens,
    long? OutputTokens,
    bool Subscription);

/// <summary>A workspace file the assistant hands over with its result.</summary>
public sealed record SubmittedFile(string Path, string Content);
