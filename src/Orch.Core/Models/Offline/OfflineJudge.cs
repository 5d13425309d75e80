using System.Text.Json.Nodes;

namespace Orch.Core.Models.Offline;

/// <summary>
/// The offline provider's verdict, by rule, not by understanding: a criterion counts as addressed
/// when at least half of its significant words (four letters or more) appear in the result. It
/// says so in its notes, and a result that misses criteria gets "gaps" naming them.
/// </summary>
internal static class OfflineJudge
{
    public static string Judge(IReadOnlyList<string> criteria, string output)
    {
        var words = new HashSet<string>(Words(output), StringComparer.OrdinalIgnoreCase);
        var missing = criteria.Where(c =>
        {
            var significant = Words(c).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return significant.Count > 0 && significant.Count(words.Contains) * 2 < significant.Count;
        }).ToList();
        return new JsonObject
        {
            ["verdict"] = missing.Count == 0 ? "pass" : "gaps",
            ["missing"] = new JsonArray([.. missing.Select(m => (JsonNode)$"not addressed: {m}")]),
            ["notes"] = "offline rules: word overlap between each criterion and the result, no language model",
        }.ToJsonString();
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split((char[])[' ', '\t', '\n', '\r', '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\'', '`', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4);
}
