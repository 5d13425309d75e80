using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Models;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Carries one claimed attempt to its end: the tool loop, verification, then the state it leaves
/// the task in — completed, retried (after a backoff, or with the verifier's feedback), waiting for
/// a person, failed, stopped by the budget, cancelled or interrupted.
/// </summary>
public sealed class AttemptExecutor(
    TaskRunner runner,
    Verifier verifier,
    TaskStateStore store,
    RetryScheduler retries,
    ModelRouter router,
    IDbContextFactory<OrchDbContext> contextFactory,
    IOptionsMonitor<ExecutionOptions> options,
    OrchTelemetry telemetry,
    TimeProvider clock)
{
    public async Task ExecuteAsync(ClaimedRun claim, CancellationToken stopping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        using var activity = OrchTelemetry.Source.StartActivity("orch.task_run");
        activity?.SetTag("orch.project_id", claim.ProjectId);
        activity?.SetTag("orch.task", claim.Task.Key);
        activity?.SetTag("orch.attempt", claim.Attempt);
        telemetry.TasksStarted.Add(1);
        var started = clock.GetTimestamp();
        var result = await runner.RunAsync(claim, stopping, cancellationToken);
        var outcome = await SettleAsync(claim, result, stopping, cancellationToken);
        activity?.SetTag("orch.outcome", outcome);
        telemetry.TasksEnded.Add(1, new TagList { { "outcome", outcome } });
        telemetry.RunDuration.Record(clock.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Verifies an answered attempt (or records how it ended) and leaves its task in the state that follows; returns the outcome's name.</summary>
    internal async Task<string> SettleAsync(ClaimedRun claim, RunResult result, CancellationToken stopping, CancellationToken cancellationToken)
    {
        // The outcome is written whatever happens to the caller meanwhile: it is what the attempt did.
        var none = CancellationToken.None;
        switch (result.Ending)
        {
            case RunEnding.Answered:
                return await VerifyAsync(claim, result, stopping, cancellationToken);
            case RunEnding.TransientFailure:
                return await RetryOrFailAsync(claim, result);
            case RunEnding.BudgetExceeded:
                await store.BudgetExceededAsync(claim, result, none);
                return "budget_exceeded";
            case RunEnding.Cancelled:
                await store.CancelledAsync(claim, result, none);
                return "cancelled";
            case RunEnding.Interrupted:
                await store.InterruptAsync(claim, result.Error ?? "interrupted", options.CurrentValue.MaxInterruptions, none);
                return "interrupted";
            default:
                await store.FailAsync(claim, result, null, none);
                return "failed";
        }
    }

    private async Task<string> VerifyAsync(ClaimedRun claim, RunResult result, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var none = CancellationToken.None;
        // Visible as verifying while the judge works; checked without a judge, it goes straight to its verdict.
        if (verifier.NeedsJudge(claim.Task) && !await store.BeginVerifyAsync(claim, result, none))
        {
            return "superseded";
        }

        Verdict verdict;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken))
        {
            try
            {
                verdict = await verifier.VerifyAsync(claim, result, linked.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await store.CancelledAsync(claim, result, none);
                return "cancelled";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await store.InterruptAsync(claim, "the node running it shut down during verification", options.CurrentValue.MaxInterruptions, none);
                return "interrupted";
            }
            catch (BudgetExceededException ex)
            {
                await store.BudgetExceededAsync(claim, result with { Budget = ex, Error = ex.Message }, none);
                return "budget_exceeded";
            }
            catch (Exception ex) when (ex is ProviderException or NoModelAvailableException)
            {
                return await RetryOrFailAsync(claim, result with { Ending = RunEnding.TransientFailure, Error = $"verification failed: {ex.Message}" });
            }
        }

        if (verdict.Passed)
        {
            return await store.CompleteAsync(claim, result, verdict, none) ? "completed" : "superseded";
        }

        var settings = options.CurrentValue;
        if (verdict.Kind == Verdict.Gaps)
        {
            var maxAttempts = claim.Task.MaxAttempts ?? settings.MaxAttempts;
            if (await GapRetriesAsync(claim) < settings.MaxVerificationRetries && claim.Attempt < maxAttempts)
            {
                var escalate = result.Tier is { } tier && router.NextTier(tier) is not null;
                await store.RetryWithFeedbackAsync(claim, result, verdict, escalate, none);
                return "gaps_retry";
            }

            if (settings.GapsWithoutRetries.Equals("Fail", StringComparison.OrdinalIgnoreCase))
            {
                await store.FailAsync(claim, result with { Error = $"gaps remain after {claim.Attempt} attempts: {verdict.Detail}" }, verdict, none);
                return "failed";
            }
        }

        // Gaps with no retries left are never a pass: a person decides.
        await store.ReviewAsync(claim, result, verdict, none);
        return "review";
    }

    private async Task<string> RetryOrFailAsync(ClaimedRun claim, RunResult result)
    {
        var settings = options.CurrentValue;
        var maxAttempts = claim.Task.MaxAttempts ?? settings.MaxAttempts;
        if (claim.Attempt < maxAttempts)
        {
            var delay = Backoff(claim.Attempt, settings);
            if (await store.RetryLaterAsync(claim, result, delay, CancellationToken.None))
            {
                await retries.ScheduleAsync(claim.TaskId, clock.GetUtcNow() + delay, CancellationToken.None);
            }

            return "retry";
        }

        await store.FailAsync(claim, result with { Error = $"{result.Error} (after {claim.Attempt} attempts)" }, null, CancellationToken.None);
        return "failed";
    }

    /// <summary>Exponential, capped, with full jitter between half and all of it.</summary>
    private static TimeSpan Backoff(int attempt, ExecutionOptions settings)
    {
        var exponential = Math.Min(settings.RetryMaxDelayMs, settings.RetryBaseDelayMs * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
    }

    private async Task<int> GapRetriesAsync(ClaimedRun claim)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        return await db.TaskRuns.CountAsync(r => r.PlanTaskId == claim.TaskId && r.Verdict == Verdict.Gaps && r.Id != claim.RunId);
    }
}
