namespace Orch.Core.Plans;

/// <summary>
/// What a plan should cost, set against what is left of the project's budget. Expected assumes
/// typical output on the first attempt; worst case assumes every attempt writes all the tokens it may,
/// each retry one tier up where escalation is allowed.
/// </summary>
public sealed record PlanForecast(
    IReadOnlyList<TaskForecast> Tasks,
    decimal ExpectedUsd,
    decimal WorstCaseUsd,
    decimal? BudgetUsd,
    decimal SpentUsd,
    decimal? RemainingUsd)
{
    public bool FitsExpected => RemainingUsd is null || ExpectedUsd <= RemainingUsd;

    public bool FitsWorstCase => RemainingUsd is null || WorstCaseUsd <= RemainingUsd;
}
