namespace Orch.Core.Execution;

/// <summary>
/// One tool call of a task's tool loop, from its <c>task.tool_call</c> event: which tool, with what (the
/// arguments as JSON, shortened; null for calls logged before arguments were), and what came back (the start
/// of the result or the error the model was given, its full length when logged, the files written). The
/// attempt is known when the call's run is.
/// </summary>
public sealed record ToolCallView(
    long Sequence,
    DateTimeOffset OccurredAt,
    Guid? RunId,
    int? Attempt,
    string Tool,
    bool Ok,
    string? Arguments,
    string Result,
    int? ResultChars,
    IReadOnlyList<string> Files);
