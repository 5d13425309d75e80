using System.Text;
using Microsoft.Extensions.AI;

namespace Orch.Core.Models.Offline;

/// <summary>
/// The offline provider's answer to a task: deterministic, and plain about being no model's work.
/// It restates what was asked and what it was given, so that runs, dependencies, costs and timing
/// can be exercised end to end without network.
/// </summary>
internal static class OfflineTaskWriter
{
    public const string Banner = "[offline provider: rules-based, no language model]";

    public static string Write(IReadOnlyList<ChatMessage> messages, IReadOnlyList<string> criteria)
    {
        var request = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var lines = request.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var text = new StringBuilder();
        text.AppendLine(Banner);
        text.Append("Received a request of ").Append(lines.Count).Append(" lines and ")
            .Append(TokenEstimator.Estimate(request)).AppendLine(" estimated tokens.");
        if (lines.Count > 0)
        {
            text.Append("It begins: ").AppendLine(lines[0].Length <= 200 ? lines[0] : lines[0][..200] + "…");
        }

        foreach (var criterion in criteria)
        {
            // Restated, not met: the offline judge's word rule then has what it looks for.
            text.Append("Criterion given: ").AppendLine(criterion);
        }

        text.AppendLine("No content was generated: configure a model provider (Ollama, Anthropic or OpenAI-compatible) for real results.");
        return text.ToString();
    }
}
