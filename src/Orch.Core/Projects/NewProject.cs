namespace Orch.Core.Projects;

/// <summary>What it takes to start a project. <paramref name="BudgetUsd"/> is its own cap, if any.</summary>
public sealed record NewProject(string Name, string? Description = null, decimal? BudgetUsd = null);
