using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Plan documents and shorthands shared by the PlanValidator*Tests classes.</summary>
internal static class PlanValidatorSamples
{
    internal const int MaxTasks = 50;

    internal static PlanTaskDocument TaskDocument(string? key, params string[] dependsOn) =>
        new() { Key = key, Title = $"Do {key}", DependsOn = [.. dependsOn] };

    internal static PlanValidation Validate(params PlanTaskDocument?[] tasks) =>
        PlanValidator.Validate(new PlanDocument { Tasks = [.. tasks] }, MaxTasks);

    internal static string Describe(PlanValidation validation) =>
        string.Join("; ", validation.Problems.Select(p => $"{p.Code} {p.Path}: {p.Message}"));
}
