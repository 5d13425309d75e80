using Microsoft.Extensions.Options;

namespace Orch.Core.Storage;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.BusyTimeoutMs is < 0 or > 600_000)
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(options.BusyTimeoutMs)} must be between 0 and 600000 milliseconds (was {options.BusyTimeoutMs}).");
        }

        if (options.CommandTimeoutSeconds is < 1 or > 3_600)
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(options.CommandTimeoutSeconds)} must be between 1 and 3600 seconds (was {options.CommandTimeoutSeconds}).");
        }

        if (!Enum.IsDefined(options.SqliteSynchronous))
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(options.SqliteSynchronous)} must be Full or Normal.");
        }

        try
        {
            // Only the form is checked here; relative paths are resolved against the data directory later.
            StorageTarget.Resolve(Path.GetTempPath(), options);
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
