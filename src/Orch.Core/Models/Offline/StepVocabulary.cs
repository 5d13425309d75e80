using System.Text.RegularExpressions;
using Orch.Core.Plans;

namespace Orch.Core.Models.Offline;

/// <summary>The words the offline planner reads structure from: verbs for kinds, cues for order and size.</summary>
internal static partial class StepVocabulary
{
    private static readonly (TaskKind Kind, string[] Stems)[] KindStems =
    [
        (TaskKind.Research, ["research", "investigat", "find", "look", "explor", "survey", "gather", "discover", "search", "learn", "identif", "collect information"]),
        (TaskKind.Analysis, ["analy", "compar", "evaluat", "assess", "measur", "estimat", "calculat", "benchmark", "profil", "audit", "forecast"]),
        (TaskKind.Design, ["design", "plan", "architect", "outlin", "model", "sketch", "specif", "wirefram", "propos", "defin"]),
        (TaskKind.Code, ["implement", "code", "build", "develop", "program", "fix", "refactor", "migrat", "deploy", "integrat", "creat", "add", "set up", "setup", "configur", "automat", "script", "port"]),
        (TaskKind.Test, ["test", "verif", "validat", "qa", "reproduc", "debug"]),
        (TaskKind.Writing, ["write", "draft", "document", "summar", "translat", "compose", "edit", "rewrite", "describ", "explain", "publish", "announc", "report"]),
        (TaskKind.Review, ["review", "proofread", "check", "approv", "inspect", "critique", "sign off"]),
        (TaskKind.Data, ["data", "clean", "extract", "import", "export", "scrap", "load", "transform", "label", "annotat", "dedupl", "parse", "csv", "dataset"]),
    ];

    /// <summary>The kind whose verb comes first in the text; the first three words count most.</summary>
    public static TaskKind KindOf(string text)
    {
        var words = Words(text);
        foreach (var window in new[] { words.Take(3), words })
        {
            foreach (var word in window)
            {
                foreach (var (kind, stems) in KindStems)
                {
                    if (stems.Any(s => word.StartsWith(s, StringComparison.Ordinal)))
                    {
                        return kind;
                    }
                }
            }
        }

        return TaskKind.Other;
    }

    public static TaskComplexity ComplexityOf(string text, int childCount)
    {
        var lower = text.ToLowerInvariant();
        if (HighCue().IsMatch(lower) || RequirementParser.CountWords(text) > 40 || childCount >= 4)
        {
            return TaskComplexity.High;
        }

        return LowCue().IsMatch(lower) || RequirementParser.CountWords(text) <= 6 ? TaskComplexity.Low : TaskComplexity.Medium;
    }

    /// <summary>"Then …", "Finally …", "Once the draft is done, …": the step waits for the one before it.</summary>
    public static bool FollowsPrevious(string text) => SequenceCue().IsMatch(text);

    /// <summary>"Meanwhile …", "In parallel, …": the step does not wait for the one before it.</summary>
    public static bool RunsAlongside(string text) => ParallelCue().IsMatch(text);

    /// <summary>"Combine …", "Summarize all …": the step gathers everything before it at its level.</summary>
    public static bool Gathers(string text) => GatherCue().IsMatch(text);

    /// <summary>The phrase after "after", "once", "based on", "using the results of": what the step waits for.</summary>
    public static string? WaitsFor(string text) => AfterReference().Match(text) is { Success: true } m ? m.Groups["what"].Value : null;

    /// <summary>The phrase after "before": a later step that waits for this one.</summary>
    public static string? Precedes(string text) => BeforeReference().Match(text) is { Success: true } m ? m.Groups["what"].Value : null;

    /// <summary>Lower-case words of letters and digits, any script.</summary>
    public static List<string> Words(string text) => [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    /// <summary>Words that carry meaning for matching one step to another.</summary>
    public static HashSet<string> Keywords(string text) => [.. Words(text).Where(w => w.Length > 2 && !StopWords.Contains(w)).Select(Stem)];

    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    private static readonly HashSet<string> StopWords =
    [
        "the", "and", "for", "with", "that", "this", "then", "after", "before", "once", "when", "are", "was", "has", "have",
        "all", "from", "into", "our", "your", "their", "its", "done", "finished", "complete", "completed", "ready", "based",
        "using", "results", "result", "step", "steps", "task", "tasks", "first", "next", "finally", "also", "each", "will", "should", "must",
    ];

    [GeneratedRegex(@"\b(complex|comprehensive|entire|whole|full|end-to-end|architecture|distributed|production|scal(e|able|ing)|secur(e|ity)|migrat\w*|thorough|in-depth|detailed)\b")]
    private static partial Regex HighCue();

    [GeneratedRegex(@"\b(simple|quick|quickly|small|minor|short|brief|tiny|trivial|basic|list|rename|typo)\b")]
    private static partial Regex LowCue();

    [GeneratedRegex(@"^\s*(then|next|after that|afterwards|finally|lastly|last|subsequently|once\b|when\b.*\b(done|finished|complete|ready)\b|dann|danach|ensuite|puis|luego|después|poi|dopo|daarna)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SequenceCue();

    [GeneratedRegex(@"^\s*(meanwhile|in parallel|at the same time|simultaneously|independently|separately|also|additionally)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ParallelCue();

    [GeneratedRegex(@"^\s*(combine|merge|consolidate|integrate|summari[sz]e|compile|assemble|aggregate|wrap up|put together|bring together|finali[sz]e)\b|\b(all (of )?the (above|results|findings|parts|pieces)|everything)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GatherCue();

    [GeneratedRegex(@"\b(?:after|once|based on|using the (?:results|output|findings) of|building on|depending on)\s+(?<what>[^,.;:]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex AfterReference();

    [GeneratedRegex(@"\bbefore\s+(?<what>[^,.;:]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex BeforeReference();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
