namespace Orch.Core.Plans;

/// <summary>
/// Assembles <see cref="WorkflowNode"/>s from a parser's stream of events, with an explicit stack
/// instead of recursion. It enforces what keeps hostile input bounded: nesting depth, the total number
/// of nodes (an alias costs the size of what it names, so a "billion laughs" expansion is refused
/// at the alias that crosses the limit), fields named once, and names that are text.
/// </summary>
internal sealed class WorkflowTreeBuilder(int maxDepth, int maxNodes)
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, WorkflowNode> anchors = new(StringComparer.Ordinal);
    private long nodes;

    public WorkflowNode? Root { get; private set; }

    public void StartMapping(int line, int column, string? anchor) => Start(new WorkflowMapping(line, column), anchor);

    public void StartSequence(int line, int column, string? anchor) => Start(new WorkflowSequence(line, column), anchor);

    public void Scalar(WorkflowScalar scalar, string? anchor)
    {
        Add(scalar, scalar.Size);
        Remember(anchor, scalar);
    }

    /// <summary>A YAML alias (<c>*name</c>): the node anchored as <c>&amp;name</c> before it, reused without copying.</summary>
    public void Alias(string name, int line, int column)
    {
        // An anchor is registered when its node is complete, so an alias inside its own anchor's node finds nothing.
        if (!anchors.TryGetValue(name, out var node))
        {
            throw new WorkflowFormatException($"the alias *{name} refers to no anchor &{name} written (and complete) before it.", line, column);
        }

        Add(node, node.Size, line, column);
    }

    /// <summary>Closes the innermost mapping or list.</summary>
    public void End()
    {
        var frame = open.Pop();
        if (frame.Node is WorkflowMapping mapping)
        {
            if (frame.PendingKey is { } key)
            {
                throw new WorkflowFormatException($"the field '{key.Value}' has no value.", key.Line, key.Column);
            }

            mapping.Complete();
        }
        else
        {
            ((WorkflowSequence)frame.Node).Complete();
        }

        Remember(frame.Anchor, frame.Node);
    }

    private void Start(WorkflowNode node, string? anchor)
    {
        if (open.Count >= maxDepth)
        {
            throw new WorkflowFormatException($"values are nested more than {maxDepth} levels deep; a workflow needs far fewer.", node.Line, node.Column);
        }

        Add(node, 1);
        open.Push(new Frame(node, anchor));
    }

    private void Add(WorkflowNode node, int size, int? line = null, int? column = null)
    {
        nodes += size;
        if (nodes > maxNodes)
        {
            throw new WorkflowFormatException(
                $"the workflow holds more than {maxNodes:N0} values (aliases counted at the size of what they repeat); it is too large to read.",
                line ?? node.Line,
                column ?? node.Column);
        }

        if (open.Count == 0)
        {
            Root = Root is null
                ? node
                : throw new WorkflowFormatException("there is more than one value at the top level; a workflow is one mapping.", line ?? node.Line, column ?? node.Column);
            return;
        }

        var frame = open.Peek();
        if (frame.Node is WorkflowSequence sequence)
        {
            sequence.Items.Add(node);
        }
        else if (frame.PendingKey is { } key)
        {
            ((WorkflowMapping)frame.Node).Entries.Add(new(key, node));
            frame.PendingKey = null;
        }
        else if (node is WorkflowScalar name && line is null)
        {
            var text = name.Value ?? string.Empty;
            if (frame.Names.TryGetValue(text, out var first))
            {
                throw new WorkflowFormatException(
                    $"the field '{WorkflowScalar.Shorten(text)}' is given twice (first at line {first.Line}, column {first.Column}).", name.Line, name.Column);
            }

            frame.Names.Add(text, name);
            frame.PendingKey = name;
        }
        else
        {
            throw new WorkflowFormatException($"a field name must be plain text, not {(line is null ? node.Describe() : "an alias")}.", line ?? node.Line, column ?? node.Column);
        }
    }

    private void Remember(string? anchor, WorkflowNode node)
    {
        if (!string.IsNullOrEmpty(anchor))
        {
            anchors[anchor] = node;
        }
    }

    private sealed class Frame(WorkflowNode node, string? anchor)
    {
        public WorkflowNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public WorkflowScalar? PendingKey { get; set; }

        /// <summary>The field names seen so far in a mapping.</summary>
        public Dictionary<string, WorkflowScalar> Names => field ??= new(StringComparer.Ordinal);
    }
}
