namespace Orch.Core.Plans;

/// <summary>
/// A value of a workflow file with the place it was written, whether the file is YAML or JSON:
/// the reader's one model of the text, so that both formats are bound and checked by the same code.
/// </summary>
internal abstract class WorkflowNode(int line, int column)
{
    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column, in characters, of the value's first character.</summary>
    public int Column { get; } = column;

    /// <summary>How many nodes this value stands for, itself included; what an alias to it costs.</summary>
    public int Size { get; protected set; } = 1;

    /// <summary>What the value is, for messages: "a list", "the number 3", "the text \"high\""…</summary>
    public abstract string Describe();
}

/// <summary>How a scalar was written, which decides the field types it may fill.</summary>
internal enum WorkflowScalarKind
{
    /// <summary>A JSON string, or quoted or block (<c>|</c>, <c>&gt;</c>) YAML: text, never a number.</summary>
    Text,

    /// <summary>Unquoted YAML: text where text belongs, a number where a number belongs.</summary>
    Plain,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>JSON <c>null</c>; in YAML nothing at all, <c>~</c> or <c>null</c>.</summary>
    Null,
}

internal sealed class WorkflowScalar(int line, int column, string? value, WorkflowScalarKind kind) : WorkflowNode(line, column)
{
    /// <summary>The text as written (a number's digits too); null only for <see cref="WorkflowScalarKind.Null"/>.</summary>
    public string? Value { get; } = value;

    public WorkflowScalarKind Kind { get; } = kind;

    public override string Describe() => Kind switch
    {
        WorkflowScalarKind.Null => "nothing (null)",
        WorkflowScalarKind.Number => $"the number {Shorten(Value)}",
        WorkflowScalarKind.Boolean => $"the value {Value}",
        WorkflowScalarKind.Text => $"the text \"{Shorten(Value)}\"",
        _ => $"'{Shorten(Value)}'",
    };

    internal static string Shorten(string? text)
    {
        var value = (text ?? string.Empty).ReplaceLineEndings(" ").Trim();
        return value.Length <= 40 ? value : value[..40] + "…";
    }
}

internal sealed class WorkflowMapping(int line, int column) : WorkflowNode(line, column)
{
    /// <summary>The fields in the order written; the builder guarantees no name appears twice.</summary>
    public List<KeyValuePair<WorkflowScalar, WorkflowNode>> Entries { get; } = [];

    public void Complete() => Size = 1 + Entries.Sum(e => e.Key.Size + e.Value.Size);

    public override string Describe() => "a mapping (fields)";
}

internal sealed class WorkflowSequence(int line, int column) : WorkflowNode(line, column)
{
    public List<WorkflowNode> Items { get; } = [];

    public void Complete() => Size = 1 + Items.Sum(i => i.Size);

    public override string Describe() => "a list";
}
