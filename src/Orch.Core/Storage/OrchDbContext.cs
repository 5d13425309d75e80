using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

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
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrchDbContext).Assembly);
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
            if (entry.Entity is OrchEvent or UsageRecord && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: they are never updated or deleted.");
            }

            // Optimistic concurrency: the update's WHERE carries the version read, the row gets the next one.
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(RowVersion) is not null)
            {
                var version = entry.Property(RowVersion);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }
}
