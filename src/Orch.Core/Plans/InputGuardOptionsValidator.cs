using Microsoft.Extensions.Options;

namespace Orch.Core.Plans;

/// <summary>
/// Checks every policy is a defined value. A misspelt name ("Blok") never gets here: the configuration
/// binder already refuses it, naming the key; this catches numbers such as <c>7</c>, which it accepts.
/// </summary>
internal sealed class InputGuardOptionsValidator : IValidateOptions<InputGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, InputGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Enum.GetValues<GuardFindingKind>()
            .Where(kind => !Enum.IsDefined(options.PolicyFor(kind)))
            .Select(kind => $"{InputGuardOptions.SectionName}:{kind} must be Block, Redact or Allow (was {(int)options.PolicyFor(kind)}).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
