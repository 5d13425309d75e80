using System.Text;

namespace Orch.Core.Plans;

/// <summary>
/// A workflow file that could not be read: bad YAML or JSON, a field that does not exist, a value
/// of the wrong type, or input too large or too deep to read. Says where (1-based line and column,
/// in characters) and what; <see cref="Problems"/> lists every problem found, the first one first.
/// </summary>
public sealed class WorkflowFormatException : OrchException
{
    private const int ProblemsInMessage = 10;

    public WorkflowFormatException(string message, int? line = null, int? column = null, string? path = null, Exception? innerException = null)
        : this(line is null ? [] : [new WorkflowProblem(message, line.Value, column ?? 1, path)], message, innerException)
    {
    }

    public WorkflowFormatException(IReadOnlyList<WorkflowProblem> problems)
        : this(problems, null, null)
    {
    }

    private WorkflowFormatException(IReadOnlyList<WorkflowProblem> problems, string? message, Exception? innerException)
        : base(Describe(problems, message), innerException ?? new FormatException(message ?? (problems.Count > 0 ? problems[0].Message : null)))
    {
        Problems = problems;
        Line = problems.Count > 0 ? problems[0].Line : null;
        Column = problems.Count > 0 ? problems[0].Column : null;
        Path = problems.Count > 0 ? problems[0].Path : null;
    }

    /// <summary>Where the first problem is, when it has a place in the text.</summary>
    public int? Line { get; }

    public int? Column { get; }

    /// <summary>The field of the first problem (<c>tasks[2].priority</c>), when there is one.</summary>
    public string? Path { get; }

    /// <summary>Every problem found, in the order of the text; empty when the text as a whole was refused.</summary>
    public IReadOnlyList<WorkflowProblem> Problems { get; }

    private static string Describe(IReadOnlyList<WorkflowProblem> problems, string? message)
    {
        if (problems.Count == 0)
        {
            return $"The workflow file cannot be read: {message}";
        }

        var text = new StringBuilder($"The workflow file cannot be read at {Where(problems[0])}: {problems[0].Message}");
        foreach (var problem in problems.Skip(1).Take(ProblemsInMessage - 1))
        {
            text.Append($" Also at {Where(problem)}: {problem.Message}");
        }

        if (problems.Count > ProblemsInMessage)
        {
            text.Append($" ({problems.Count - ProblemsInMessage} more problems.)");
        }

        return text.ToString();
    }

    private static string Where(WorkflowProblem problem) =>
        $"line {problem.Line}, column {problem.Column}" + (string.IsNullOrEmpty(problem.Path) ? string.Empty : $" ({problem.Path})");
}
