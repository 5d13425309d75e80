namespace Orch.Core.Plans;

/// <summary>
/// Reads a workflow file — a plan a person writes, in YAML or JSON — into a <see cref="PlanDocument"/>,
/// which is then checked by <see cref="PlanValidator"/> exactly like a model's plan.
/// </summary>
/// <remarks>
/// <para>
/// <b>The format is the plan format</b>: the same snake_case fields as plan JSON, at the top level
/// <c>summary</c> and <c>tasks</c>, and in each task <c>key</c>, <c>title</c>, <c>description</c>,
/// <c>kind</c>, <c>complexity</c>, <c>tier</c>, <c>tools</c>, <c>acceptance_criteria</c>,
/// <c>priority</c>, <c>depends_on</c>, <c>estimated_cost_usd</c>, <c>timeout_seconds</c> and
/// <c>max_attempts</c> (the retry policy: attempts in all, the first included). So a plan written out by
/// <see cref="PlanDocumentReader.Write"/> is a workflow file too. One convenience: a top-level
/// <c>name</c> may stand in for <c>summary</c> (not both).
/// </para>
/// <para>
/// <b>Read strictly</b>, unlike model output: a field that does not exist (<c>dependson</c>,
/// <c>timeout</c>) or a value of the wrong type (a list for a title, <c>priority: high</c>) is a
/// <see cref="WorkflowFormatException"/> naming the field, its 1-based line and column (counted in
/// characters) and, for a misspelt field, the nearest known one ("did you mean 'depends_on'?"). Every
/// such problem is reported at once. Unquoted YAML is text where text is expected (<c>title: 2025
/// report</c>) and a number where a number is expected; quoted text is never a number. YAML
/// comments, block strings (<c>|</c> keeps line breaks, <c>&gt;</c> folds them), flow lists
/// (<c>[a, b]</c>) and anchors with aliases work; tags (except <c>!!str</c>), merge keys
/// (<c>&lt;&lt;</c>) and more than one document do not. JSON may hold comments and trailing commas.
/// </para>
/// <para>
/// <b>Hostile input is bounded</b> before and while parsing: blank text, more than
/// <see cref="MaxChars"/> characters and control characters (binary junk) are refused before any
/// parser runs; nesting deeper than <see cref="MaxDepth"/> stops the parser at the first level too
/// deep; and more than <see cref="MaxNodes"/> values, counting each alias at the size of what it
/// repeats, stops it at the value that crosses the limit — a "billion laughs" is refused within a few
/// levels. Aliases are never copied, and no type is ever created from the text.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// name: Monthly sales report
/// tasks:
///   - key: collect
///     title: Collect last month's sales
///     kind: data
///     tier: local
///     tools: [workspace_read]
///     timeout_seconds: 300
///     max_attempts: 3
///   - key: write
///     title: Write the report
///     kind: writing
///     complexity: high
///     depends_on: [collect]
///     description: |
///       Two pages at most.
///       Lead with the totals.
/// </code>
/// </example>
public static class WorkflowReader
{
    /// <summary>The longest workflow read at all, in characters (2 MiB).</summary>
    public const int MaxChars = 2 * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists; a workflow needs four levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>The most values (fields, entries, texts) one workflow may hold, aliases counted in full.</summary>
    public const int MaxNodes = 250_000;

    /// <summary>
    /// Reads <paramref name="text"/> as <paramref name="format"/>, or, when that is null, as JSON if its
    /// first character other than white space is <c>{</c> and as YAML otherwise.
    /// </summary>
    /// <exception cref="WorkflowFormatException">The text cannot be read as a workflow; says where and why.</exception>
    public static PlanDocument Read(string text, WorkflowFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            throw new WorkflowFormatException($"the text is {text.Length:N0} characters long; at most {MaxChars:N0} are read.");
        }

        // A byte order mark is an encoding's signature, not part of the text.
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new WorkflowFormatException("the text is empty.");
        }

        RefuseControlCharacters(text);
        var root = (format ?? Detect(text)) == WorkflowFormat.Json
            ? WorkflowJsonParser.Parse(text, MaxDepth, MaxNodes)
            : WorkflowYamlParser.Parse(text, MaxDepth, MaxNodes);
        return WorkflowBinder.Bind(root);
    }

    private static WorkflowFormat Detect(string text) =>
        text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) ? WorkflowFormat.Json : WorkflowFormat.Yaml;

    /// <summary>
    /// Refuses what YAML calls non-printable (C0 and C1 controls but tab and line breaks, U+FFFE,
    /// U+FFFF, broken surrogate pairs) in either format: such text is binary, or damaged.
    /// </summary>
    private static void RefuseControlCharacters(string text)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var printable = c switch
            {
                '\t' or '\n' or '\r' or '\u0085' => true,
                < ' ' or (>= '\u007F' and < '\u00A0') or '\uFFFE' or '\uFFFF' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(text[i - 1]),
                _ => true,
            };
            if (!printable)
            {
                throw new WorkflowFormatException(
                    $"the text holds the control character U+{(int)c:X4}; a workflow file is text (is this a binary file?).", line, column);
            }

            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }
    }
}
