namespace Orch.Core.Models.Offline;

/// <summary>What the offline planner and re-planner share: task keys from titles, and finding the step a phrase means.</summary>
internal static class StepMatching
{
    private const int MaxKeyLength = 48;

    private static readonly HashSet<string> KeyFillerWords = ["the", "an", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "then", "that", "this", "our", "some"];

    /// <summary>A key from the title's first meaningful ASCII words, unique among <paramref name="used"/> (which it joins).</summary>
    public static string UniqueKey(string title, HashSet<string> used, Dictionary<string, int> counters)
    {
        var words = StepVocabulary.Words(title)
            .Where(w => w.All(char.IsAsciiLetterOrDigit) && w.Length > 1 && !KeyFillerWords.Contains(w))
            .Take(4)
            .ToList();
        var baseKey = words.Count == 0 ? "step" : string.Join('-', words);
        if (baseKey.Length > MaxKeyLength)
        {
            baseKey = baseKey[..MaxKeyLength].TrimEnd('-');
        }

        if (used.Add(baseKey))
        {
            return baseKey;
        }

        // A counter per base key: thousands of like steps cost one look-up each, not a search from 2.
        var n = counters.GetValueOrDefault(baseKey, 1);
        string key;
        do
        {
            key = $"{baseKey}-{++n}";
        }
        while (!used.Add(key));
        counters[baseKey] = n;
        return key;
    }

    /// <summary>The step in [from, to) sharing the most keywords with the phrase (the latest on a tie), or null when none shares one.</summary>
    public static int? BestMatch(HashSet<string> phrase, IReadOnlyList<HashSet<string>> keywords, int from, int to)
    {
        int? best = null;
        var bestScore = 0;
        for (var i = from; i < to; i++)
        {
            var score = keywords[i].Count(phrase.Contains);
            if (score > 0 && score >= bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }
}
