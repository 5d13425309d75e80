namespace Orch.Core.Plans;

/// <summary>One task's expected and worst-case cost on its tier.</summary>
public sealed record TaskForecast(string Key, string Tier, decimal ExpectedUsd, decimal WorstCaseUsd);
