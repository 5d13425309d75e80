using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orch.Core.Plans;

/// <summary>
/// Reads YAML into <see cref="WorkflowNode"/>s with YamlDotNet's event parser, which resolves
/// nothing by itself: aliases arrive as events and are reused (and counted) by the builder, and no
/// type is created from a tag. One document, no tags except <c>!!str</c>.
/// </summary>
internal static class WorkflowYamlParser
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static WorkflowNode Parse(string text, int maxDepth, int maxNodes)
    {
        var builder = new WorkflowTreeBuilder(maxDepth, maxNodes);
        var parser = new Parser(new StringReader(text));
        var documents = 0;
        var last = new Mark(0, 1, 1);

        // Where each open mapping or list began, when written in flow style ('{', '['): for messages.
        var open = new Stack<(Mark Start, bool Flow)>();
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case DocumentStart start when ++documents > 1:
                        throw new WorkflowFormatException("the file holds more than one YAML document ('---'); a workflow is one document.", Line(start.Start), Column(start.Start));
                    case Scalar scalar:
                        builder.Scalar(ToNode(scalar), AnchorOf(scalar));
                        break;
                    case MappingStart mapping:
                        RefuseTag(mapping.Tag, mapping.Start);
                        builder.StartMapping(Line(mapping.Start), Column(mapping.Start), AnchorOf(mapping));
                        open.Push((mapping.Start, mapping.Style == MappingStyle.Flow));
                        break;
                    case SequenceStart sequence:
                        RefuseTag(sequence.Tag, sequence.Start);
                        builder.StartSequence(Line(sequence.Start), Column(sequence.Start), AnchorOf(sequence));
                        open.Push((sequence.Start, sequence.Style == SequenceStyle.Flow));
                        break;
                    case MappingEnd or SequenceEnd:
                        builder.End();
                        open.Pop();
                        break;
                    case AnchorAlias alias:
                        builder.Alias(alias.Value.Value, Line(alias.Start), Column(alias.Start));
                        break;
                }

                last = current.End;
            }
        }
        catch (YamlException ex)
        {
            var at = ex.Start.Line > 0 ? ex.Start : last;
            throw new WorkflowFormatException($"this is not valid YAML: {ex.Message}", Line(at), Column(at), innerException: ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this, rather than a YamlException, on some malformed text; mostly
            // a '[' or '{' left open when the next line goes on in block style.
            var flow = open.FirstOrDefault(o => o.Flow);
            var hint = flow.Flow ? $", inside the '{(flow.Start.Index < text.Length ? text[(int)flow.Start.Index] : '[')}' opened at line {Line(flow.Start)}, column {Column(flow.Start)} (is it closed?)" : string.Empty;
            throw new WorkflowFormatException($"this is not valid YAML: reading stops after this point{hint}.", Line(last), Column(last), innerException: ex);
        }

        return builder.Root ?? throw new WorkflowFormatException("the file holds no YAML document, only comments or blank lines.", 1, 1);
    }

    private static WorkflowScalar ToNode(Scalar scalar)
    {
        var line = Line(scalar.Start);
        var column = Column(scalar.Start);
        if (!scalar.Tag.IsEmpty)
        {
            RefuseTag(scalar.Tag, scalar.Start);
            return new WorkflowScalar(line, column, scalar.Value, WorkflowScalarKind.Text);
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return new WorkflowScalar(line, column, scalar.Value, WorkflowScalarKind.Text);
        }

        // The core schema's nulls; everything else unquoted stays untyped until a field asks for a type.
        return scalar.Value is "" or "~" or "null" or "Null" or "NULL"
            ? new WorkflowScalar(line, column, null, WorkflowScalarKind.Null)
            : new WorkflowScalar(line, column, scalar.Value, WorkflowScalarKind.Plain);
    }

    /// <summary>Tags could ask for types (<c>!!binary</c>, <c>!custom</c>); a workflow has none of them. <c>!!str</c> just means text.</summary>
    private static void RefuseTag(TagName tag, Mark at)
    {
        if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value != StringTag)
        {
            throw new WorkflowFormatException(
                $"YAML tags such as '{WorkflowScalar.Shorten(tag.Value)}' are not used in workflow files; quote a value to make it text.", Line(at), Column(at));
        }
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);
}
