using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Core.Tools;

namespace Orch.Core.Execution;

/// <summary>
/// The calling assistant as a worker. It claims a ready task marked for it (tier
/// <see cref="AssistantTier.Name"/>) under a lease, does it with its own model and tools, and hands
/// the result back; the result is verified and settled exactly like an attempt of Orch's own. A lease
/// that runs out puts the task back in the pool (recovery, as for a node that died).
/// </summary>
public sealed class AssistantWork(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    AttemptExecutor attempts,
    BudgetLedger ledger,
    ToolRegistry tools,
    WorkspaceSandbox sandbox,
    Workspaces workspaces,
    EventFactory events,
    IOptionsMonitor<ExecutionOptions> options,
    TimeProvider clock)
{
    public const int MaxOutputChars = 1_000_000;
    public const int MaxFiles = 50;
    public const int MaxModelLength = 200;
    public const long MaxTokens = 1_000_000_000;

    private static readonly PlanTaskStatus[] Unfinished =
        [PlanTaskStatus.Pending, PlanTaskStatus.Ready, PlanTaskStatus.Running, PlanTaskStatus.Verifying];

    /// <summary>
    /// Claims the project's next ready assistant task, highest priority first; or says why there is
    /// none. <paramref name="worker"/> names who claims it in runs and events (the assistant's client).
    /// </summary>
    public async Task<AssistantClaim> ClaimAsync(Guid projectId, string worker, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(worker, "worker", 200);
        ProjectStatus status;
        await using (var look = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            status = await look.Projects.Where(p => p.Id == projectId).Select(p => (ProjectStatus?)p.Status).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("project", projectId.ToString());
        }

        if (status is ProjectStatus.Draft or ProjectStatus.Approved)
        {
            throw new InvalidInputException("project_id", $"the project is {status}: approve its plan and execute it before claiming its tasks.");
        }

        var claimed = status == ProjectStatus.Running
            ? await commits.RunAsync((db, ct) => ClaimAsync(db, projectId, by, ct), cancellationToken, urgent: true)
            : null;
        if (claimed is null)
        {
            return await NothingReadyAsync(projectId, status, cancellationToken);
        }

        var (claim, lease) = claimed.Value;
        IReadOnlyList<DependencyOutput> dependencies;
        int remaining;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            dependencies = await DependencyOutputs.ReadAsync(db, claim.PlanId, claim.Task.DependsOn, cancellationToken);
            remaining = await AssistantTasks(db, claim.PlanId).CountAsync(t => Unfinished.Contains(t.Status), cancellationToken);
        }

        var task = new AssistantTask(claim.RunId, claim.TaskId, claim.ProjectId, claim.Attempt, claim.Task, dependencies, claim.Feedback, lease, workspaces.For(claim.ProjectId));
        return new AssistantClaim(task, $"Claimed '{claim.Task.Key}' (attempt {claim.Attempt}) until {lease:O}. Do it, then call submit_result with its run_id.", remaining);
    }

    /// <summary>
    /// Takes a claimed task's result: writes its files, records what the work used, then verifies it
    /// and moves the task on. Everything is checked before anything is written.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(AssistantSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var output = InputRules.RequiredText(submission.Output, "output", MaxOutputChars);
        var (model, inputTokens, outputTokens) = Usage(submission);

        TaskRun run;
        PlanTask task;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            run = await db.TaskRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == submission.RunId, cancellationToken)
                ?? throw new NotFoundException("run", submission.RunId.ToString());
            task = await db.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == run.PlanTaskId, cancellationToken);
        }

        if (run.Provider != AssistantTier.Provider)
        {
            throw new InvalidInputException("run_id", "the run is one of Orch's own attempts, not a task claimed with next_task.");
        }

        if (run.Status != RunStatus.Running)
        {
            var why = run.Error is { Length: > 0 } error ? $" ({error})" : string.Empty;
            throw new InvalidInputException("run_id", $"this claim is closed: its run is {run.Status}{why}. Call next_task for work that is ready.");
        }

        if (task.Status != PlanTaskStatus.Running)
        {
            throw new InvalidInputException("run_id", $"the task '{task.Key}' is {task.Status} now; the result is not used. Call next_task for work that is ready.");
        }

        var context = new ToolContext(task.ProjectId, task.Id, run.Id, run.Attempt, task.Key, workspaces.For(task.ProjectId), AssistantTier.Name);
        var files = await WriteFilesAsync(submission.Files ?? [], context, cancellationToken);

        var now = clock.GetUtcNow();
        var latency = (long)Math.Max(0, (now - (run.StartedAt ?? now)).TotalMilliseconds);
        await ledger.RecordFreeAsync(new UsageRecord(
            Guid.CreateVersion7(), UsagePurpose.Execution, AssistantTier.Provider, model, AssistantTier.Name,
            inputTokens, outputTokens, 0, latency, now, task.ProjectId, task.Id, run.Id, run.Attempt));

        var claim = new ClaimedRun(run.Id, task.Id, task.ProjectId, task.PlanId, run.Attempt, task.ToDefinition(), task.Escalation, task.Feedback);
        var result = new RunResult(RunEnding.Answered, output, null, files, 1, inputTokens, outputTokens, 0, AssistantTier.Name, AssistantTier.Provider, model);
        // Verification runs to its end even if the caller goes away: it decides what becomes of the work handed in.
        var outcome = await attempts.SettleAsync(claim, result, CancellationToken.None, CancellationToken.None);

        await using var read = await contextFactory.CreateDbContextAsync(cancellationToken);
        var after = await read.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id, cancellationToken);
        var judged = await read.TaskRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, cancellationToken);
        return new SubmissionResult(task.Key, after.Status, judged.Verdict, judged.VerdictDetail, files, Describe(outcome, after));
    }

    private async Task<(ClaimedRun Claim, DateTimeOffset Lease)?> ClaimAsync(OrchDbContext db, Guid projectId, string worker, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var project = await db.Projects.SingleAsync(p => p.Id == projectId, cancellationToken);
        if (project.Status != ProjectStatus.Running)
        {
            return null;
        }

        var task = await db.PlanTasks
            .Where(t => t.ProjectId == projectId && t.Status == PlanTaskStatus.Ready && t.Tier == AssistantTier.Name && (t.NotBefore == null || t.NotBefore <= now))
            .OrderByDescending(t => t.Priority).ThenBy(t => t.Position)
            .FirstOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return null;
        }

        task.TransitionTo(PlanTaskStatus.Running, now);
        var run = new TaskRun(Guid.CreateVersion7(), task.ProjectId, task.Id, task.Attempts, now);
        run.Start(worker, AssistantTier.Name, AssistantTier.Provider, null, now);
        var lease = now.AddSeconds(options.CurrentValue.AssistantLeaseSeconds);
        run.Lease(lease);
        db.TaskRuns.Add(run);
        db.Events.Add(events.Create(EventTypes.TaskStarted, task.ProjectId, task.Id, new JsonObject
        {
            ["key"] = task.Key,
            ["run_id"] = run.Id,
            ["attempt"] = run.Attempt,
            ["worker"] = worker,
            ["lease_expires_at"] = lease,
        }));
        return (new ClaimedRun(run.Id, task.Id, task.ProjectId, task.PlanId, run.Attempt, task.ToDefinition(), task.Escalation, task.Feedback), lease);
    }

    private async Task<AssistantClaim> NothingReadyAsync(Guid projectId, ProjectStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var planId = await db.Plans.Where(p => p.ProjectId == projectId && p.Status == PlanStatus.Approved).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var counts = planId is { } id
            ? await AssistantTasks(db, id).GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken)
            : [];
        var remaining = Unfinished.Sum(s => counts.GetValueOrDefault(s));
        if (counts.Count == 0)
        {
            return new AssistantClaim(null, "The project has no tasks for the assistant: its tasks run on Orch's models. Plan with worker 'assistant', or give a task the tier 'assistant', to do them yourself.", 0);
        }

        if (remaining == 0)
        {
            return new AssistantClaim(null, "Every task for the assistant is finished. Call status for the project's state.", 0);
        }

        if (status != ProjectStatus.Running)
        {
            return new AssistantClaim(null, $"The project is {status}; no task is handed out{(status == ProjectStatus.Paused ? " until it is resumed" : string.Empty)}.", remaining);
        }

        var text = new StringBuilder("Nothing is ready for the assistant now:");
        Append(text, counts.GetValueOrDefault(PlanTaskStatus.Pending), "wait for their dependencies");
        Append(text, counts.GetValueOrDefault(PlanTaskStatus.Running) + counts.GetValueOrDefault(PlanTaskStatus.Verifying), "are being done or verified");
        Append(text, counts.GetValueOrDefault(PlanTaskStatus.Ready), "wait out a retry delay");
        text.Append(". Call next_task again later (status with wait_seconds waits for a change).");
        return new AssistantClaim(null, text.ToString(), remaining);
    }

    private static void Append(StringBuilder text, int count, string what)
    {
        if (count > 0)
        {
            text.Append(text[^1] == ':' ? " " : ", ").Append(count).Append(' ').Append(what);
        }
    }

    private static IQueryable<PlanTask> AssistantTasks(OrchDbContext db, Guid planId) =>
        db.PlanTasks.Where(t => t.PlanId == planId && t.Tier == AssistantTier.Name);

    /// <summary>What the work used: a model and its tokens, or explicitly a subscription — never a silent nothing.</summary>
    private static (string Model, long InputTokens, long OutputTokens) Usage(AssistantSubmission submission)
    {
        var model = InputRules.OptionalText(submission.Model, "model", MaxModelLength);
        Tokens(submission.InputTokens, "input_tokens");
        Tokens(submission.OutputTokens, "output_tokens");
        if (!submission.Subscription && (model is null || submission.InputTokens is null || submission.OutputTokens is null))
        {
            throw new InvalidInputException("usage", "say what the work used: model, input_tokens and output_tokens; or billing 'subscription' when a flat-rate plan paid for it.");
        }

        return (model ?? AssistantTier.Subscription, submission.InputTokens ?? 0, submission.OutputTokens ?? 0);
    }

    private static void Tokens(long? value, string field)
    {
        if (value is < 0 or > MaxTokens)
        {
            throw new InvalidInputException(field, $"must be between 0 and {MaxTokens:N0} (was {value}).");
        }
    }

    /// <summary>Checks every file first (count, paths, sizes), so that a bad one leaves the workspace untouched; then writes them.</summary>
    private async Task<IReadOnlyList<string>> WriteFilesAsync(IReadOnlyList<SubmittedFile> files, ToolContext context, CancellationToken cancellationToken)
    {
        if (files.Count > MaxFiles)
        {
            throw new InvalidInputException("files", $"has {files.Count} entries; at most {MaxFiles} files are taken with one result.");
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        var limit = options.CurrentValue.MaxFileBytes;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i] ?? throw new InvalidInputException($"files[{i}]", "is empty.");
            if (file.Content is null)
            {
                throw new InvalidInputException($"files[{i}].content", "is required (it may be empty).");
            }

            var path = sandbox.Resolve(context.Workspace, file.Path, WorkspaceAccess.Write);
            if (!paths.Add(path.Relative))
            {
                throw new InvalidInputException($"files[{i}].path", $"'{path.Relative}' is given twice.");
            }

            if (Encoding.UTF8.GetByteCount(file.Content) is var size && size > limit)
            {
                throw new InvalidInputException($"files[{i}].content", $"is {size:N0} bytes; files of at most {limit:N0} bytes are written.");
            }

            if (InputRules.UnsafeCharacter(file.Content) is { } problem)
            {
                throw new InvalidInputException($"files[{i}].content", problem);
            }
        }

        var written = new List<string>(files.Count);
        foreach (var file in files)
        {
            var result = await tools.InvokeAsync(WriteFileTool.ToolName, new Dictionary<string, object?> { ["path"] = file.Path, ["content"] = file.Content }, context, cancellationToken);
            if (result.IsError)
            {
                throw new InvalidInputException("files", $"'{file.Path}' could not be written: {result.Content}");
            }

            written.AddRange(result.FilesWritten);
        }

        return written;
    }

    private static string Describe(string outcome, PlanTask task) => outcome switch
    {
        "completed" => $"Verified: '{task.Key}' is completed.",
        "gaps_retry" => $"The verifier found gaps: {task.Feedback}. '{task.Key}' is ready again with that feedback; claim it with next_task.",
        "review" => $"'{task.Key}' waits for a person: {task.Error}. Accept it with control (action accept) or retry it.",
        "failed" => $"'{task.Key}' failed: {task.Error}.",
        "retry" => $"Verification could not finish ({task.Error}); '{task.Key}' goes back to the pool.",
        "superseded" => $"'{task.Key}' moved on meanwhile (it is {task.Status}); the result was not used.",
        _ => $"'{task.Key}' is {task.Status}.",
    };
}
