using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Tools;

namespace Orch.Core.Execution;

/// <summary>
/// Checks an attempt's result: first structurally (an answer at all; the files it wrote, and those its
/// criteria name, exist), then with the judge model against the acceptance criteria. The judge answers
/// pass, gaps (with what is missing) or needs a person; an answer it cannot read is never a pass.
/// </summary>
public sealed partial class Verifier(ModelRouter router, MeteredChat chat, Workspaces workspaces, IOptionsMonitor<ExecutionOptions> options, IOptions<ModelOptions> models)
{
    /// <summary>The result the judge reads, at most; a longer one is cut with a note.</summary>
    public const int MaxJudgedChars = 24_000;

    /// <summary>Whether verifying the task's results takes a judge's call (it has criteria, and judging is on).</summary>
    public bool NeedsJudge(PlanTaskDefinition task) => options.CurrentValue.Verify && task.AcceptanceCriteria.Count > 0;

    /// <exception cref="BudgetExceededException">The judge's call would pass a cap.</exception>
    public async Task<Verdict> VerifyAsync(ClaimedRun claim, RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        var task = claim.Task;
        if (string.IsNullOrWhiteSpace(result.Output))
        {
            return new Verdict(Verdict.Gaps, "the result is empty");
        }

        var workspace = workspaces.For(claim.ProjectId);
        var missing = result.Files.Concat(NamedFiles(task)).Distinct(StringComparer.Ordinal)
            .Where(f => !File.Exists(Path.Combine(workspace, f))).ToList();
        if (missing.Count > 0)
        {
            return new Verdict(Verdict.Gaps, $"files missing from the workspace: {string.Join(", ", missing)}");
        }

        var settings = options.CurrentValue;
        if (!NeedsJudge(task))
        {
            return new Verdict(Verdict.Pass, task.AcceptanceCriteria.Count == 0 ? "no acceptance criteria to judge against" : "judging is switched off");
        }

        RouteDecision route;
        try
        {
            route = router.RouteFrom(settings.JudgeTier is { Length: > 0 } judge ? judge : models.Value.PlanningTier, "the judge's tier");
        }
        catch (NoModelAvailableException ex) when (AssistantTier.Is(result.Tier))
        {
            return Unjudged(ex);
        }

        var output = result.Output.Length <= MaxJudgedChars ? result.Output : result.Output[..MaxJudgedChars] + "\n[… cut]";
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, JudgeSystem),
            new(ChatRole.User, JudgeUser(task, output)),
        };
        var chatOptions = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = Math.Min(route.Tier.MaxOutputTokens, 1_024),
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ChatRequestKeys.Purpose] = ChatPurpose.Verification,
                [ChatRequestKeys.AcceptanceCriteria] = task.AcceptanceCriteria,
                [ChatRequestKeys.Output] = output,
            },
        };
        MeteredResponse answer;
        try
        {
            answer = await chat.GetResponseAsync(route, messages, chatOptions, new UsageContext(UsagePurpose.Verification, claim.ProjectId, claim.TaskId, claim.RunId, claim.Attempt), cancellationToken);
        }
        catch (ProviderException ex) when (AssistantTier.Is(result.Tier))
        {
            return Unjudged(ex);
        }

        var (kind, detail) = Read(answer.Response.Text);
        return new Verdict(kind, detail, answer.InputTokens, answer.OutputTokens, answer.CostMicros);
    }

    /// <summary>
    /// The assistant's work when no judge model answers (Orch may run with no provider at all): the
    /// structural checks passed and stand as the verdict, and the verdict says that no judge saw it.
    /// An attempt of Orch's own is retried instead, as its model was just reachable.
    /// </summary>
    private static Verdict Unjudged(Exception reason) =>
        new(Verdict.Pass, $"checked on structure only (an answer, its files present); no judge model answered: {reason.Message}");

    /// <summary>Reads the judge's JSON answer leniently; anything unreadable goes to a person.</summary>
    public static (string Kind, string Detail) Read(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(LenientJson.Extract(answer ?? string.Empty));
            var root = json.RootElement;
            var verdict = root.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim().ToLowerInvariant() : null;
            var missing = root.TryGetProperty("missing", out var m) && m.ValueKind == JsonValueKind.Array
                ? [.. m.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : new List<string>();
            var notes = root.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var detail = string.Join("; ", missing.Append(notes ?? string.Empty).Where(s => s.Length > 0));
            return verdict switch
            {
                Verdict.Pass => (Verdict.Pass, detail),
                Verdict.Gaps => (Verdict.Gaps, detail.Length > 0 ? detail : "the judge found gaps but did not say which"),
                "needs_person" or "needs person" => (Verdict.NeedsPerson, detail.Length > 0 ? detail : "the judge asked for a person"),
                _ => (Verdict.NeedsPerson, $"the judge's verdict '{verdict}' is not one of pass, gaps, needs_person"),
            };
        }
        catch (Exception ex) when (ex is JsonException or PlanFormatException)
        {
            return (Verdict.NeedsPerson, "the judge's answer could not be read as a verdict");
        }
    }

    private const string JudgeSystem = """
        You check one task's result against its acceptance criteria. Answer with JSON only:
        {"verdict": "pass" | "gaps" | "needs_person", "missing": ["each criterion not met, and what is missing"], "notes": "short"}
        pass: every criterion is met. gaps: some are not, and another attempt could fix them. needs_person: you cannot tell, or a human decision is needed.
        """;

    private static string JudgeUser(PlanTaskDefinition task, string output)
    {
        var text = new StringBuilder().Append("Task: ").AppendLine(task.Title).AppendLine("Acceptance criteria:");
        foreach (var criterion in task.AcceptanceCriteria)
        {
            text.Append("- ").AppendLine(criterion);
        }

        return text.AppendLine().AppendLine("Result:").AppendLine(output).ToString();
    }

    /// <summary>Workspace files the criteria name in backticks (<c>`report.md`</c>) for a task that writes files.</summary>
    private static IEnumerable<string> NamedFiles(PlanTaskDefinition task) =>
        task.Tools.Contains("write_file", StringComparer.Ordinal)
            ? task.AcceptanceCriteria.SelectMany(c => FilePattern().Matches(c).Select(m => m.Groups[1].Value)).Where(p => !p.Contains("..", StringComparison.Ordinal) && !p.StartsWith('/'))
            : [];

    [GeneratedRegex(@"`([\w\-./]+\.[A-Za-z0-9]{1,8})`")]
    private static partial Regex FilePattern();
}
