namespace Orch.Core.Plans;

/// <summary>
/// One version of a project's plan. Its tasks are fixed when it is created: a revision is a new
/// version. A draft becomes approved (then never changes), superseded or rejected.
/// </summary>
public sealed class Plan
{
    public const int MaxRequirementsLength = 100_000;

    private readonly List<PlanTask> tasks;

    // For EF Core.
    private Plan()
    {
        Requirements = string.Empty;
        tasks = [];
    }

    internal Plan(
        Guid id,
        Guid projectId,
        int version,
        PlanSource source,
        string requirements,
        string? summary,
        Guid? basedOnPlanId,
        IReadOnlyList<PlanTaskDefinition> definitions,
        Func<Guid> newId,
        DateTimeOffset now)
    {
        Id = id;
        ProjectId = projectId;
        Version = version;
        Source = source;
        Requirements = requirements;
        Summary = summary;
        BasedOnPlanId = basedOnPlanId;
        Status = PlanStatus.Draft;
        CreatedAt = now;
        tasks = [.. definitions.Select((d, i) => new PlanTask(newId(), id, projectId, i, d))];
        EstimatedCostMicros = definitions.Sum(d => d.EstimatedCostMicros);
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>1 for the first plan of a project, then one more for each revision.</summary>
    public int Version { get; private set; }

    public PlanStatus Status { get; private set; }

    public PlanSource Source { get; private set; }

    public string Requirements { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>The version this one revised, if any.</summary>
    public Guid? BasedOnPlanId { get; private set; }

    public long EstimatedCostMicros { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was approved, rejected or superseded.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Who approved or rejected it.</summary>
    public string? DecidedBy { get; private set; }

    public long RowVersion { get; private set; }

    /// <summary>Fixed when the version is created; only each task's execution state moves afterwards.</summary>
    public IReadOnlyList<PlanTask> Tasks => tasks;

    /// <summary>The only properties of a plan row that change after it is created.</summary>
    internal static readonly IReadOnlySet<string> DecisionState = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Status), nameof(DecidedAt), nameof(DecidedBy), nameof(RowVersion),
    };

    public void Approve(string approvedBy, DateTimeOffset now) => Decide(PlanStatus.Approved, approvedBy, now);

    public void Reject(string rejectedBy, DateTimeOffset now) => Decide(PlanStatus.Rejected, rejectedBy, now);

    public void Supersede(DateTimeOffset now) => Decide(PlanStatus.Superseded, null, now);

    private void Decide(PlanStatus next, string? by, DateTimeOffset now)
    {
        StatusTransitions.Plan.Ensure(Status, next, $"{Id} (version {Version})");
        Status = next;
        DecidedAt = now;
        DecidedBy = by;
    }
}
