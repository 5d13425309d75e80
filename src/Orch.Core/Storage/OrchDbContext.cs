using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage.Configurations;
using Orch.Core.Tools;

namespace Orch.Core.Storage;

/// <summary>Orch's one EF Core model, on SQLite or PostgreSQL. The schema itself is kept by <see cref="Schema.SchemaUpgrader"/>.</summary>
public sealed class OrchDbContext(DbContextOptions<OrchDbContext> options) : DbContext(options)
{
    internal const string RowVersion = "RowVersion";

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();

    public DbSet<TaskRun> TaskRuns => Set<TaskRun>();

    public DbSet<UsageRecord> UsageRecords => Set<UsageRecord>();

    public DbSet<BudgetReservation> BudgetReservations => Set<BudgetReservation>();

    public DbSet<OrchEvent> Events => Set<OrchEvent>();

    public DbSet<BudgetCounter> BudgetCounters => Set<BudgetCounter>();

    public DbSet<OrchNode> Nodes => Set<OrchNode>();

    public DbSet<KnowledgeEntry> KnowledgeEntries => Set<KnowledgeEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Named one by one rather than found by scanning the assembly: the scan loads every type of
        // Orch.Core, and with them libraries (a provider's SDK, Polly) that a process may never use.
        modelBuilder
            .ApplyConfiguration(new ProjectConfiguration())
            .ApplyConfiguration(new PlanConfiguration())
            .ApplyConfiguration(new PlanTaskConfiguration())
            .ApplyConfiguration(new TaskRunConfiguration())
            .ApplyConfiguration(new UsageRecordConfiguration())
            .ApplyConfiguration(new BudgetCounterConfiguration())
            .ApplyConfiguration(new BudgetReservationConfiguration())
            .ApplyConfiguration(new OrchEventConfiguration())
            .ApplyConfiguration(new OrchNodeConfiguration())
            .ApplyConfiguration(new KnowledgeEntryConfiguration());
        SnakeCaseColumns.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database, and safe when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
        configurationBuilder.Properties<List<string>>().HaveConversion<StringListConverter, StringListComparer>();
        if (Database.IsSqlite())
        {
            // SQLite has no timestamp type, and EF Core cannot compare or sort DateTimeOffset there:
            // stored as fixed-width UTC text, which sorts and compares correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }

    private void PrepareChanges()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            GuardImmutableRows(entry);

            // Optimistic concurrency: the update's WHERE carries the version read, the row gets the next one.
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(RowVersion) is not null)
            {
                var version = entry.Property(RowVersion);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }

    /// <summary>
    /// The last line of defence for Orch's invariants, whatever code is changing the entities:
    /// events and usage are append-only, and a plan version's definition never changes.
    /// </summary>
    private void GuardImmutableRows(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case OrchEvent or UsageRecord when entry.State is EntityState.Modified or EntityState.Deleted:
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: they are never updated or deleted.");
            case Plan or PlanTask when entry.State == EntityState.Deleted:
                throw new InvalidOperationException("Plan versions and their tasks are never deleted.");
            case Plan when entry.State == EntityState.Modified:
                RefuseChangesOutside(entry, Plan.DecisionState, "a plan version's content never changes; only its status moves");
                break;
            case PlanTask when entry.State == EntityState.Modified:
                RefuseChangesOutside(entry, PlanTask.ExecutionState, "a plan version's tasks never change; only their execution state moves");
                break;
            case PlanTask task when entry.State == EntityState.Added
                && !ChangeTracker.Entries<Plan>().Any(p => p.Entity.Id == task.PlanId && p.State == EntityState.Added):
                throw new InvalidOperationException("Tasks are added to a plan only with a new plan version.");
        }
    }

    private static void RefuseChangesOutside(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, IReadOnlySet<string> allowed, string rule)
    {
        var changed = entry.Properties.Where(p => p.IsModified && !allowed.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
        if (changed.Count > 0)
        {
            throw new InvalidOperationException($"Refused to change {string.Join(", ", changed)}: {rule}.");
        }
    }
}
