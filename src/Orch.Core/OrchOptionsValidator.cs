using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Orch.Core;

/// <summary>Checks the data directory and refuses unknown keys under <c>Orch</c>, naming each.</summary>
internal sealed class OrchOptionsValidator(IConfiguration configuration) : IValidateOptions<OrchOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchOptions options)
    {
        var failures = new List<string>();
        foreach (var key in OrchConfiguration.FindUnknownKeys(configuration))
        {
            var section = key[..key.LastIndexOf(':')];
            var known = string.Join(", ", OrchConfiguration.KnownKeys(OrchConfiguration.Sections.Keys
                .Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length) ?? section));
            failures.Add($"{key} is not a setting Orch knows; the settings there are: {known}.");
        }

        if (options.DataDirectory is { } directory && (directory.Contains('\0', StringComparison.Ordinal) || directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            failures.Add($"{OrchOptions.SectionName}:{nameof(OrchOptions.DataDirectory)} is not a usable directory path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
