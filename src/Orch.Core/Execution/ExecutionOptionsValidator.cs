using Microsoft.Extensions.Options;
using Orch.Core.Models;

namespace Orch.Core.Execution;

internal sealed class ExecutionOptionsValidator(IOptions<ModelOptions> models) : IValidateOptions<ExecutionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        var failures = new List<string>();
        const string section = ExecutionOptions.SectionName;
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                failures.Add($"{section}:{key} must be between {min} and {max} (was {value}).");
            }
        }

        Range(nameof(options.MaxConcurrentTasks), options.MaxConcurrentTasks, 1, 10_000);
        Range(nameof(options.MaxConcurrentTasksPerProject), options.MaxConcurrentTasksPerProject, 1, 10_000);
        Range(nameof(options.MaxToolRounds), options.MaxToolRounds, 1, 200);
        Range(nameof(options.MaxTokensPerAttempt), options.MaxTokensPerAttempt, 1_000, 10_000_000);
        Range(nameof(options.TaskTimeoutSeconds), options.TaskTimeoutSeconds, 1, 86_400);
        Range(nameof(options.MaxAttempts), options.MaxAttempts, 1, 20);
        Range(nameof(options.MaxVerificationRetries), options.MaxVerificationRetries, 0, 10);
        Range(nameof(options.RetryBaseDelayMs), options.RetryBaseDelayMs, 1, 3_600_000);
        Range(nameof(options.RetryMaxDelayMs), options.RetryMaxDelayMs, 1, 86_400_000);
        Range(nameof(options.LeaseSeconds), options.LeaseSeconds, 1, 3_600);
        Range(nameof(options.PollMilliseconds), options.PollMilliseconds, 10, 60_000);
        Range(nameof(options.RecoverySeconds), options.RecoverySeconds, 1, 3_600);
        Range(nameof(options.MaxInterruptions), options.MaxInterruptions, 0, 100);
        Range(nameof(options.AssistantLeaseSeconds), options.AssistantLeaseSeconds, 1, 86_400);
        Range(nameof(options.MaxFileBytes), options.MaxFileBytes, 1, 100 * 1_048_576);
        if (options.RetryMaxDelayMs < options.RetryBaseDelayMs)
        {
            failures.Add($"{section}:RetryMaxDelayMs must be at least RetryBaseDelayMs ({options.RetryBaseDelayMs}).");
        }

        if (!options.GapsWithoutRetries.Equals("Review", StringComparison.OrdinalIgnoreCase) && !options.GapsWithoutRetries.Equals("Fail", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:GapsWithoutRetries must be Review or Fail (was '{options.GapsWithoutRetries}').");
        }

        var tiers = models.Value.Tiers.Select(t => t.Name).ToList();
        if (options.JudgeTier is { Length: > 0 } judge && !tiers.Contains(judge, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:JudgeTier '{options.JudgeTier}' is not a configured tier ({string.Join(", ", tiers)}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
