namespace Orch.Core.Budgets;

/// <summary>
/// One model call, as the provider reported it, and what it cost. Append-only; its id is the
/// call's id, so recording the same call twice is refused by the primary key.
/// </summary>
public sealed class UsageRecord
{
    // For EF Core.
    private UsageRecord()
    {
        Provider = Model = string.Empty;
    }

    public UsageRecord(
        Guid callId,
        UsagePurpose purpose,
        string provider,
        string model,
        string? tier,
        long inputTokens,
        long outputTokens,
        long costMicros,
        long latencyMs,
        DateTimeOffset occurredAt,
        Guid? projectId = null,
        Guid? planTaskId = null,
        Guid? taskRunId = null,
        int? attempt = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(costMicros);
        ArgumentOutOfRangeException.ThrowIfNegative(latencyMs);
        Id = callId;
        Purpose = purpose;
        Provider = provider;
        Model = model;
        Tier = tier;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        CostMicros = costMicros;
        LatencyMs = latencyMs;
        OccurredAt = occurredAt;
        ProjectId = projectId;
        PlanTaskId = planTaskId;
        TaskRunId = taskRunId;
        Attempt = attempt;
    }

    public Guid Id { get; private set; }

    public UsagePurpose Purpose { get; private set; }

    public string Provider { get; private set; }

    public string Model { get; private set; }

    public string? Tier { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CostMicros { get; private set; }

    public long LatencyMs { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public Guid? ProjectId { get; private set; }

    public Guid? PlanTaskId { get; private set; }

    public Guid? TaskRunId { get; private set; }

    public int? Attempt { get; private set; }
}
