using Microsoft.Extensions.Options;

namespace Orch.Core;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        const string section = TelemetryOptions.SectionName;
        if (options.OtlpEndpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"{section}:OtlpEndpoint must be an http(s) address such as http://localhost:4318 (was '{endpoint}').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName) || options.ServiceName.Length > 100)
        {
            failures.Add($"{section}:ServiceName must be 1 to 100 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
