using Microsoft.Extensions.Options;

namespace Orch.Core.Plans;

internal sealed class PlanOptionsValidator : IValidateOptions<PlanOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanOptions options) =>
        options.MaxTasks is < 1 or > PlanOptions.MaxTasksCeiling
            ? ValidateOptionsResult.Fail($"{PlanOptions.SectionName}:{nameof(options.MaxTasks)} must be between 1 and {PlanOptions.MaxTasksCeiling} (was {options.MaxTasks}).")
            : ValidateOptionsResult.Success;
}
