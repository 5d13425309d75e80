using Orch.Core.Plans;

namespace Orch.Core.Models.Offline;

/// <summary>
/// Turns revision instructions into plan changes by rules: "remove/drop/skip X" names a task to
/// remove; any other step becomes a new task, placed after X for "after X", before X for "before X",
/// and otherwise after the plan's final tasks.
/// </summary>
internal static partial class OfflineReplanner
{
    public static PlanDocument Revise(PlanDocument current, string instructions)
    {
        var existing = (current.Tasks ?? []).OfType<PlanTaskDocument>().Where(t => t.Key is not null).ToList();
        var keywords = existing.Select(t => StepVocabulary.Keywords($"{t.Key?.Replace('-', ' ')} {t.Title}")).ToList();
        var dependedOn = existing.SelectMany(t => t.DependsOn ?? []).ToHashSet(StringComparer.Ordinal);
        var finals = existing.Where(t => !dependedOn.Contains(t.Key!)).Select(t => t.Key!).ToList();

        var remove = new List<string?>();
        var added = new List<PlanTaskDocument?>();
        var changed = new Dictionary<string, PlanTaskDocument>(StringComparer.Ordinal);
        var used = existing.Select(t => t.Key!).ToHashSet(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in RequirementParser.Parse(instructions).SelectMany(Flatten))
        {
            var removal = RemoveCue().Match(step.Text);
            if (removal.Success)
            {
                if (StepMatching.BestMatch(StepVocabulary.Keywords(removal.Groups["what"].Value), keywords, 0, keywords.Count) is { } index)
                {
                    remove.Add(existing[index].Key);
                }

                continue;
            }

            var title = OfflinePlanner.Title(step.Text);
            var key = StepMatching.UniqueKey(title, used, counters);
            var dependsOn = new List<string?>();
            if (StepVocabulary.WaitsFor(step.Text) is { } after && StepMatching.BestMatch(StepVocabulary.Keywords(after), keywords, 0, keywords.Count) is { } earlier)
            {
                dependsOn.Add(existing[earlier].Key);
            }
            else if (StepVocabulary.Precedes(step.Text) is { } before && StepMatching.BestMatch(StepVocabulary.Keywords(before), keywords, 0, keywords.Count) is { } later)
            {
                // The later task now waits for the new one as well.
                var target = existing[later];
                var updated = changed.GetValueOrDefault(target.Key!, target);
                changed[target.Key!] = updated with { DependsOn = [.. updated.DependsOn ?? [], key] };
            }
            else
            {
                dependsOn.AddRange(finals);
            }

            added.Add(new PlanTaskDocument
            {
                Key = key,
                Title = title,
                Description = step.Text.Trim(),
                Kind = StepVocabulary.KindOf(step.Text).ToString().ToLowerInvariant(),
                Complexity = StepVocabulary.ComplexityOf(step.Text, 0).ToString().ToLowerInvariant(),
                DependsOn = dependsOn,
                AcceptanceCriteria = [$"The result does what the step asks: {title}."],
            });
        }

        // A removed task's dependents now wait for what it waited for, so that removing a step never breaks the chain.
        var removedKeys = remove.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var byKey = existing.ToDictionary(t => t.Key!, StringComparer.Ordinal);
        foreach (var task in existing.Where(t => !removedKeys.Contains(t.Key!)))
        {
            var latest = changed.GetValueOrDefault(task.Key!, task);
            var deps = (latest.DependsOn ?? []).OfType<string>().ToList();
            if (!deps.Any(removedKeys.Contains))
            {
                continue;
            }

            var rewired = new List<string>();
            var pending = new Stack<string>(deps);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.Count > 0)
            {
                var dep = pending.Pop();
                if (!seen.Add(dep))
                {
                    continue;
                }

                if (removedKeys.Contains(dep) && byKey.TryGetValue(dep, out var gone))
                {
                    foreach (var inherited in (gone.DependsOn ?? []).OfType<string>())
                    {
                        pending.Push(inherited);
                    }
                }
                else
                {
                    rewired.Add(dep);
                }
            }

            changed[task.Key!] = latest with { DependsOn = [.. rewired.Order(StringComparer.Ordinal)] };
        }

        return new PlanDocument { Tasks = [.. changed.Values, .. added], Remove = remove };
    }

    private static IEnumerable<RequirementStep> Flatten(RequirementStep step) => [step, .. step.Children.SelectMany(Flatten)];

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:remove|drop|delete|skip|omit|leave out|cut)\s+(?:the\s+)?(?<what>.+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RemoveCue();
}
