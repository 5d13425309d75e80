using System.Text;
using Orch.Core.Plans;

namespace Orch.Core.Models.Offline;

/// <summary>
/// Derives a plan from the structure of requirements text, by rules and without a language model:
/// list items and sentences become tasks; numbered lists, prose and words such as "then", "after",
/// "once … is done" become dependencies; nested items are parts their parent waits for; a closing
/// "combine"/"summarise" step waits for everything before it. Every dependency points to a step that
/// comes earlier in a post-order walk (parts before their whole), so the result has no cycle.
/// </summary>
internal static partial class OfflinePlanner
{
    private const int MaxTitleLength = 100;

    public static PlanDocument Derive(string requirements, string? constraints, IReadOnlyList<string> acceptanceCriteria)
    {
        var roots = RequirementParser.Parse(requirements);
        if (roots.Count == 0)
        {
            roots = [new RequirementStep(requirements.Trim(), 0, ordered: true, null)];
        }

        var nodes = new List<Node>();
        Visit(roots, [], nodes);
        LinkReferences(nodes);

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            node.Key = StepMatching.UniqueKey(Title(node.Step.Text), keys, counters);
        }

        var dependedOn = nodes.SelectMany(n => n.DependsOn).ToHashSet();
        var tasks = new List<PlanTaskDocument?>(nodes.Count);
        for (var rank = 0; rank < nodes.Count; rank++)
        {
            var node = nodes[rank];
            var title = Title(node.Step.Text);
            var criteria = new List<string?> { $"The result does what the step asks: {title}." };
            if (!dependedOn.Contains(rank))
            {
                // The final results answer for the requirements as a whole.
                criteria.AddRange(acceptanceCriteria.Take(PlanLimits.MaxAcceptanceCriteria - 1));
            }

            tasks.Add(new PlanTaskDocument
            {
                Key = node.Key,
                Title = title,
                Description = Description(node.Step, constraints),
                Kind = StepVocabulary.KindOf(node.Step.Text).ToString().ToLowerInvariant(),
                Complexity = StepVocabulary.ComplexityOf(node.Step.Text, node.Step.Children.Count).ToString().ToLowerInvariant(),
                DependsOn = [.. node.DependsOn.Order().Select(d => nodes[d].Key)],
                AcceptanceCriteria = criteria,
            });
        }

        return new PlanDocument { Summary = Summary(requirements), Tasks = tasks };
    }

    /// <summary>Walks one level of siblings; returns their ranks. Parts are visited before the step they belong to.</summary>
    private static List<int> Visit(List<RequirementStep> siblings, HashSet<int> inherited, List<Node> nodes)
    {
        var ranks = new List<int>();
        HashSet<int>? previousDeps = null;
        foreach (var step in siblings)
        {
            var deps = new HashSet<int>();
            int? implicitPrevious = null;
            if (ranks.Count == 0)
            {
                deps.UnionWith(inherited);
            }
            else if (StepVocabulary.Gathers(step.Text))
            {
                deps.UnionWith(ranks);
            }
            else if (StepVocabulary.RunsAlongside(step.Text))
            {
                deps.UnionWith(previousDeps ?? inherited);
            }
            else if (step.Ordered || StepVocabulary.FollowsPrevious(step.Text))
            {
                implicitPrevious = ranks[^1];
                deps.Add(ranks[^1]);
            }
            else
            {
                // Bullets without an ordering word run side by side.
                deps.UnionWith(inherited);
            }

            previousDeps = [.. deps];
            // Its parts wait for what the step itself would wait for; the step waits for its parts.
            deps.UnionWith(Visit(step.Children, deps, nodes));
            nodes.Add(new Node(step, deps, implicitPrevious));
            ranks.Add(nodes.Count - 1);
        }

        return ranks;
    }

    /// <summary>"after X" waits for the earlier step most like X (instead of simply the one before); "before X" makes the later step like X wait.</summary>
    private static void LinkReferences(List<Node> nodes)
    {
        var keywords = nodes.Select(n => StepVocabulary.Keywords(n.Step.Text)).ToList();
        for (var rank = 0; rank < nodes.Count; rank++)
        {
            var node = nodes[rank];
            if (StepVocabulary.WaitsFor(node.Step.Text) is { } after && StepMatching.BestMatch(StepVocabulary.Keywords(after), keywords, 0, rank) is { } earlier)
            {
                if (node.ImplicitPrevious is { } previous && previous != earlier)
                {
                    node.DependsOn.Remove(previous);
                }

                node.DependsOn.Add(earlier);
            }

            if (StepVocabulary.Precedes(node.Step.Text) is { } before && StepMatching.BestMatch(StepVocabulary.Keywords(before), keywords, rank + 1, nodes.Count) is { } later)
            {
                nodes[later].DependsOn.Add(rank);
            }
        }
    }

    /// <summary>The step's text without a leading "then"/"finally", capitalised, cut at a word near 100 characters.</summary>
    internal static string Title(string text)
    {
        var title = LeadingCue().Replace(text.Trim(), string.Empty).Trim().TrimEnd('.', ';', ':', ',').Trim();
        if (title.Length == 0)
        {
            title = text.Trim();
        }

        if (title.Length > MaxTitleLength)
        {
            var cut = title.LastIndexOf(' ', MaxTitleLength - 1);
            title = (cut > 40 ? title[..cut] : title[..(MaxTitleLength - 1)]) + "…";
        }

        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    private static string Description(RequirementStep step, string? constraints)
    {
        var text = new StringBuilder(step.Text.Trim());
        if (step.Parent is { } parent)
        {
            text.Append("\n\nPart of: ").Append(Title(parent.Text));
        }

        if (step.Context is { Length: > 0 } context)
        {
            text.Append("\n\nContext: ").Append(context);
        }

        if (step.Children.Count > 0)
        {
            text.Append("\n\nBrings together: ").AppendJoin("; ", step.Children.Select(c => Title(c.Text)));
        }

        if (!string.IsNullOrWhiteSpace(constraints))
        {
            text.Append("\n\nConstraints: ").Append(constraints.Trim());
        }

        var description = text.ToString();
        return description.Length <= PlanLimits.MaxDescriptionLength ? description : description[..PlanLimits.MaxDescriptionLength];
    }

    private static string Summary(string requirements)
    {
        var first = RequirementParser.Sentences(RequirementParser.WithoutMarker(requirements.Trim().Split('\n')[0])).FirstOrDefault() ?? requirements.Trim();
        return first.Length <= 200 ? first : first[..199] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:then|next|after that|afterwards|finally|lastly|also|meanwhile|in parallel)\b[,:]?\s*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LeadingCue();

    private sealed class Node(RequirementStep step, HashSet<int> dependsOn, int? implicitPrevious)
    {
        public RequirementStep Step { get; } = step;

        public HashSet<int> DependsOn { get; } = dependsOn;

        public int? ImplicitPrevious { get; } = implicitPrevious;

        public string Key { get; set; } = string.Empty;
    }
}
