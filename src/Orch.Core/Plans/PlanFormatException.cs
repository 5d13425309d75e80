namespace Orch.Core.Plans;

/// <summary>Plan JSON that could not be read at all; says where (1-based line and column) and what.</summary>
public sealed class PlanFormatException : OrchException
{
    public PlanFormatException(string message, long? line = null, long? column = null, string? path = null, Exception? innerException = null)
        : base(Describe(message, line, column, path), innerException ?? new FormatException(message))
    {
        Line = line;
        Column = column;
        JsonPath = path;
    }

    public long? Line { get; }

    public long? Column { get; }

    /// <summary>Where in the document, as a JSON path (<c>$.tasks[2].priority</c>), when known.</summary>
    public string? JsonPath { get; }

    private static string Describe(string message, long? line, long? column, string? path)
    {
        var at = line is null ? string.Empty : $" at line {line}, column {column}";
        var where = string.IsNullOrEmpty(path) || path == "$" ? string.Empty : $" ({path})";
        return $"The plan is not valid JSON{at}{where}: {message}";
    }
}
