using Microsoft.Extensions.Options;

namespace Orch.Core.Budgets;

internal sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var failures = new List<string>();
        const string section = BudgetOptions.SectionName;
        if (options.DailyCapUsd is <= 0 or > 1_000_000)
        {
            failures.Add($"{section}:DailyCapUsd must be more than 0 and at most 1000000 (was {options.DailyCapUsd}).");
        }

        if (options.MonthlyCapUsd is <= 0 or > 10_000_000)
        {
            failures.Add($"{section}:MonthlyCapUsd must be more than 0 and at most 10000000 (was {options.MonthlyCapUsd}).");
        }

        if (options.DefaultProjectCapUsd is <= 0 or > 1_000_000)
        {
            failures.Add($"{section}:DefaultProjectCapUsd must be more than 0 and at most 1000000, or empty (was {options.DefaultProjectCapUsd}).");
        }

        if (options.WarningThreshold is < 0.1 or > 1 || double.IsNaN(options.WarningThreshold))
        {
            failures.Add($"{section}:WarningThreshold must be between 0.1 and 1 (was {options.WarningThreshold}).");
        }

        if (options.ReservationTimeoutMinutes is < 1 or > 10_080)
        {
            failures.Add($"{section}:ReservationTimeoutMinutes must be between 1 and 10080 (was {options.ReservationTimeoutMinutes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
