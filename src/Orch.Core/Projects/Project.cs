namespace Orch.Core.Projects;

/// <summary>A body of work: its plans, its runs and its spend belong to it.</summary>
public sealed class Project
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    // For EF Core.
    private Project()
    {
        Name = string.Empty;
    }

    public Project(Guid id, string name, string? description, long? budgetMicros, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Description = description;
        BudgetMicros = budgetMicros;
        Status = ProjectStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public ProjectStatus Status { get; private set; }

    /// <summary>The project's own cap in micro-dollars, on top of the daily and monthly caps; null for none.</summary>
    public long? BudgetMicros { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Why the project is in its status, when that is not obvious: the cap that paused it, the task that failed it.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every update.</summary>
    public long RowVersion { get; private set; }

    /// <summary>
    /// Marks the project changed without changing its status, so that two writers deciding on it
    /// at once (drafting a plan, approving one) conflict instead of both winning.
    /// </summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now > UpdatedAt ? now : UpdatedAt.AddTicks(1);

    /// <summary>Says why the project stands where it does, without changing its status.</summary>
    public void Explain(string? reason, DateTimeOffset now)
    {
        StatusReason = reason;
        Touch(now);
    }

    /// <summary>Sets the project's own cap (null for none); the ledger applies it from the next reservation on.</summary>
    public void SetBudget(long? budgetMicros, DateTimeOffset now)
    {
        BudgetMicros = budgetMicros;
        Touch(now);
    }

    public void TransitionTo(ProjectStatus next, DateTimeOffset now, string? reason = null)
    {
        StatusTransitions.Project.Ensure(Status, next, Id);
        Status = next;
        StatusReason = reason;
        UpdatedAt = now;
    }
}
