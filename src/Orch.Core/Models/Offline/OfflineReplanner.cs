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
        foreach (var step in RequirementParser.Parse(instructions).SelectMany(Flatten))
        {
            var removal = RemoveCue().Match(step.Text);
            if (removal.Success)
            {
                if (Best(StepVocabulary.Keywords(removal.Groups["what"].Value), keywords) is { } index)
                {
                    remove.Add(existing[index].Key);
                }

                continue;
            }

            var title = OfflinePlanner.Title(step.Text);
            var key = Key(title, used);
            var dependsOn = new List<string?>();
            if (StepVocabulary.WaitsFor(step.Text) is { } after && Best(StepVocabulary.Keywords(after), keywords) is { } earlier)
            {
                dependsOn.Add(existing[earlier].Key);
            }
            else if (StepVocabulary.Precedes(step.Text) is { } before && Best(StepVocabulary.Keywords(before), keywords) is { } later)
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

    private static int? Best(HashSet<string> phrase, List<HashSet<string>> keywords)
    {
        int? best = null;
        var bestScore = 0;
        for (var i = 0; i < keywords.Count; i++)
        {
            var score = keywords[i].Count(phrase.Contains);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    private static string Key(string title, HashSet<string> used)
    {
        var words = StepVocabulary.Words(title).Where(w => w.All(char.IsAsciiLetterOrDigit) && w.Length > 2).Take(4).ToList();
        var baseKey = words.Count == 0 ? "step" : string.Join('-', words);
        var key = baseKey;
        for (var n = 2; !used.Add(key); n++)
        {
            key = $"{baseKey}-{n}";
        }

        return key;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:remove|drop|delete|skip|omit|leave out|cut)\s+(?:the\s+)?(?<what>.+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RemoveCue();
}
