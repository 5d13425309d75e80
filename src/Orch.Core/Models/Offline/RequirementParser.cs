using System.Text.RegularExpressions;

namespace Orch.Core.Models.Offline;

/// <summary>
/// Finds the steps in requirements text by its structure alone: numbered and bulleted items
/// (nested by indentation), continuation lines, and, in prose, sentences and "then"-clauses.
/// </summary>
internal static partial class RequirementParser
{
    /// <summary>Nesting deeper than this is flattened, which also bounds the planner's recursion.</summary>
    public const int MaxDepth = 12;

    /// <summary>The top-level steps, each with its nested ones; prose becomes a flat list of ordered steps.</summary>
    public static List<RequirementStep> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var roots = new List<RequirementStep>();
        var stack = new List<RequirementStep>();
        var prose = new List<string>();
        string? context = null;
        RequirementStep? last = null;
        foreach (var raw in lines)
        {
            var line = raw.Replace("\t", "    ", StringComparison.Ordinal).TrimEnd();
            if (line.Trim().Length == 0)
            {
                last = null;
                continue;
            }

            var item = ListItem().Match(line);
            if (!item.Success)
            {
                if (last is not null && Indent(line) > last.Indent)
                {
                    // A wrapped line of the item above.
                    last.Append(line.Trim());
                }
                else if (line.TrimEnd().EndsWith(':'))
                {
                    context = line.Trim().TrimEnd(':');
                }
                else
                {
                    prose.Add(line.Trim());
                    last = null;
                }

                continue;
            }

            var indent = item.Groups["indent"].Value.Length;
            var ordered = item.Groups["number"].Success;
            var step = new RequirementStep(item.Groups["text"].Value.Trim(), indent, ordered, context);
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            if (stack.Count >= MaxDepth)
            {
                // Deeper nesting than any real outline: kept as a sibling of the deepest level.
                stack.RemoveAt(stack.Count - 1);
            }

            if (stack.Count == 0)
            {
                roots.Add(step);
            }
            else
            {
                step.Parent = stack[^1];
                stack[^1].Children.Add(step);
            }

            stack.Add(step);
            last = step;
        }

        if (roots.Count > 0)
        {
            return roots;
        }

        // No list at all: the prose's sentences are the steps, in order.
        return [.. Sentences(string.Join(' ', prose.Append(context ?? string.Empty))).Select(s => new RequirementStep(s, 0, ordered: true, null))];
    }

    /// <summary>Sentences, split further at "then", "after that" and the like; fragments too short to be a step join the one before.</summary>
    internal static List<string> Sentences(string text)
    {
        var result = new List<string>();
        foreach (var sentence in SentenceEnd().Split(text))
        {
            foreach (var part in ThenClause().Split(sentence))
            {
                var clean = part.Trim().Trim(',', ';').Trim();
                if (clean.Length == 0)
                {
                    continue;
                }

                // "Done." joins the step before it; a short step in a script without spaces (Chinese, Japanese) does not.
                if (result.Count > 0 && CountWords(clean) < 3 && clean.Count(char.IsLetterOrDigit) < 6)
                {
                    result[^1] += " " + clean;
                }
                else
                {
                    result.Add(clean);
                }
            }
        }

        return result;
    }

    /// <summary>A line without its list marker ("1. ", "- ", "Step 2: "), for naming a plan after its first item.</summary>
    public static string WithoutMarker(string line)
    {
        var item = ListItem().Match(line);
        return item.Success ? item.Groups["text"].Value.Trim() : line.Trim();
    }

    internal static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    // "1. x", "1) x", "a) x", "Step 3: x", "- x", "* x", "• x", "+ x".
    [GeneratedRegex(@"^(?<indent>\s*)(?:(?<number>\d{1,3}[.)]|[a-zA-Z][)]|(?i:step)\s+\d{1,3}[:.)]?)|[-*•+])\s+(?<text>\S.*)$")]
    private static partial Regex ListItem();

    // After ., !, ? (and their full-width forms), before the next sentence.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)|(?<=[。！？])")]
    private static partial Regex SentenceEnd();

    // ", then", "; then", " and then", " after that", " afterwards," — a new step in the same sentence.
    [GeneratedRegex(@"(?:[,;]\s*|\s+and\s+)(?=(?:then|after that|afterwards|finally)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ThenClause();
}
