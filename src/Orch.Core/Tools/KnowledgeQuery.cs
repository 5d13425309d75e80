using System.Globalization;
using System.Text;

namespace Orch.Core.Tools;

/// <summary>
/// Turns a model's free-text query into plain words, and the words into full-text queries that can
/// never be read as query syntax: every word is quoted for FTS5, and PostgreSQL only ever sees words
/// joined by spaces (or by <c>or</c>, which <c>websearch_to_tsquery</c> accepts from any input).
/// </summary>
internal static class KnowledgeQuery
{
    public const int MaxQueryChars = 1_000;
    public const int MaxWords = 32;
    private const int MaxWordChars = 100;

    /// <summary>Runs of letters and digits, as SQLite's unicode61 tokenizer splits text; repeats dropped.</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i <= query.Length && words.Count < MaxWords; i++)
        {
            if (i < query.Length && char.IsHighSurrogate(query[i]) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]))
            {
                // Letters outside the basic plane (CJK extensions) stay in the word; broken halves do not.
                current.Append(query[i]).Append(query[++i]);
                continue;
            }

            if (i < query.Length && IsWordCharacter(query[i]))
            {
                current.Append(query[i]);
                continue;
            }

            if (current.Length > 0)
            {
                var word = current.ToString();
                current.Clear();
                if (word.Length <= MaxWordChars && !words.Contains(word, StringComparer.OrdinalIgnoreCase))
                {
                    words.Add(word);
                }
            }
        }

        return words;
    }

    /// <summary>An FTS5 MATCH expression: each word a quoted string, all of them required or any one.</summary>
    public static string Fts5(IReadOnlyList<string> words, bool all) =>
        string.Join(all ? " AND " : " OR ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>Text for <c>websearch_to_tsquery</c> that matches any of the words.</summary>
    public static string AnyOf(IReadOnlyList<string> words) => string.Join(" or ", words);

    private static bool IsWordCharacter(char c)
    {
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.PrivateUse => true,
            _ => false,
        };
    }
}
