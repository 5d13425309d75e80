using System.Globalization;
using System.Text;

namespace Orch.Mcp.Tools;

/// <summary>Small pieces the readable texts of tool replies share.</summary>
internal static class ReplyText
{
    /// <summary>Lines of a list shown in a text before the rest is only counted; the structured content has them all.</summary>
    public const int MaxLines = 25;

    public static string Usd(decimal amount) => "$" + amount.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Budget(decimal? budget) => budget is { } b ? Usd(b) : "no project cap";

    public static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "no tasks" : string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"));

    /// <summary>Appends one line per item, at most <see cref="MaxLines"/>, then how many more there are.</summary>
    public static StringBuilder Lines<T>(this StringBuilder text, IReadOnlyCollection<T> items, Func<T, string> line)
    {
        foreach (var item in items.Take(MaxLines))
        {
            text.Append("\n- ").Append(line(item));
        }

        if (items.Count > MaxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… and {items.Count - MaxLines} more (in the structured content)");
        }

        return text;
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + $"… [{text.Length - max:N0} more characters in the structured content]";
}
