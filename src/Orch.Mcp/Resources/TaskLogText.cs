using System.Globalization;
using System.Text;
using Orch.Core.Execution;

namespace Orch.Mcp.Resources;

/// <summary>A task's log as plain text lines, oldest first, for people and assistants to read.</summary>
internal static class TaskLogText
{
    public static string Render(TaskLog log)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Task {log.Key}: {log.Title} — {log.Status}");
        foreach (var a in log.Attempts)
        {
            text.Append(c, $"attempt {a.Attempt}: {a.Status} by {a.Worker} on {a.Tier}/{a.Model}, {a.StartedAt:O} → {a.EndedAt:O}, {a.InputTokens} in / {a.OutputTokens} out, ${a.CostUsd:0.00####}");
            text.Append(a.Verdict is null ? string.Empty : $", verdict {a.Verdict}: {a.VerdictDetail}");
            text.AppendLine(a.Error is null ? string.Empty : $", error: {a.Error}");
        }

        text.AppendLine();
        var lines = log.Calls.Select(call => (call.OccurredAt, Line: string.Create(c, $"{call.OccurredAt:O} call {call.Purpose.ToLowerInvariant()} attempt {call.Attempt}: {call.Provider}/{call.Model} ({call.Tier}) {call.InputTokens} in / {call.OutputTokens} out, ${call.CostUsd:0.00####}, {call.LatencyMs} ms")))
            .Concat(log.Entries.Select(e => (e.OccurredAt, Line: $"{e.OccurredAt:O} {e.Type} {e.Payload}")))
            .OrderBy(l => l.OccurredAt);
        foreach (var (_, line) in lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}
