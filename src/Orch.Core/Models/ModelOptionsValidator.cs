using Microsoft.Extensions.Options;
using Orch.Core.Plans;

namespace Orch.Core.Models;

/// <summary>Checks providers, tiers and routing together; every failure names its key.</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Section = ModelOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = new List<string>();
        foreach (var (providerName, provider) in options.Providers)
        {
            ValidateProvider($"{Section}:Providers:{providerName}", providerName, provider, failures);
        }

        var tierNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Tiers.Count; i++)
        {
            var tier = options.Tiers[i];
            var key = $"{Section}:Tiers:{i}";
            if (string.IsNullOrWhiteSpace(tier.Name) || !TierName.IsValid(tier.Name))
            {
                failures.Add($"{key}:Name must be a tier name: a letter, then letters, digits, '_' or '-' (was '{tier.Name}').");
            }
            else if (AssistantTier.Is(tier.Name))
            {
                failures.Add($"{key}:Name '{tier.Name}' is reserved for tasks the calling assistant does itself.");
            }
            else if (!tierNames.Add(tier.Name))
            {
                failures.Add($"{key}:Name '{tier.Name}' is used by another tier.");
            }

            if (!options.Providers.ContainsKey(tier.Provider ?? string.Empty))
            {
                failures.Add($"{key}:Provider '{tier.Provider}' is not one of the providers ({string.Join(", ", options.Providers.Keys)}).");
            }

            if (string.IsNullOrWhiteSpace(tier.Model))
            {
                failures.Add($"{key}:Model must name a model.");
            }

            if (options.Providers.TryGetValue(tier.Provider ?? string.Empty, out var provider) && provider.Kind != ProviderKind.Offline
                && (tier.InputUsdPerMillion is null || tier.OutputUsdPerMillion is null))
            {
                // Fail closed: a model without a price would look free to the budget caps.
                failures.Add($"{key}: InputUsdPerMillion and OutputUsdPerMillion must be set for the tier '{tier.Name}' on {provider.Kind} (0 for a local model); a model with no price is never treated as free.");
            }

            if (tier.InputUsdPerMillion is < 0 or > 10_000 || tier.OutputUsdPerMillion is < 0 or > 10_000)
            {
                failures.Add($"{key}: InputUsdPerMillion and OutputUsdPerMillion must be between 0 and 10000.");
            }

            if (tier.MaxOutputTokens is < 1 or > 1_000_000)
            {
                failures.Add($"{key}:MaxOutputTokens must be between 1 and 1000000 (was {tier.MaxOutputTokens}).");
            }
        }

        foreach (var (kind, row) in options.Routing)
        {
            if (!kind.Equals(ModelOptions.DefaultRoute, StringComparison.OrdinalIgnoreCase) && !Enum.GetNames<TaskKind>().Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Section}:Routing:{kind} is not a task kind ({ModelOptions.DefaultRoute}, {string.Join(", ", Enum.GetNames<TaskKind>())}).");
            }

            foreach (var (complexity, tier) in row)
            {
                if (!Enum.GetNames<TaskComplexity>().Contains(complexity, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{Section}:Routing:{kind}:{complexity} is not a complexity ({string.Join(", ", Enum.GetNames<TaskComplexity>())}).");
                }
                else if (!tierNames.Contains(tier))
                {
                    failures.Add($"{Section}:Routing:{kind}:{complexity} names the tier '{tier}', which is not configured.");
                }
            }
        }

        if (!tierNames.Contains(options.PlanningTier))
        {
            failures.Add($"{Section}:PlanningTier names the tier '{options.PlanningTier}', which is not configured ({string.Join(", ", tierNames)}).");
        }

        if (options.PlanningAttempts is < 1 or > 10)
        {
            failures.Add($"{Section}:PlanningAttempts must be between 1 and 10 (was {options.PlanningAttempts}).");
        }

        if (options.HealthCheckSeconds is < 5 or > 86_400)
        {
            failures.Add($"{Section}:HealthCheckSeconds must be between 5 and 86400 (was {options.HealthCheckSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateProvider(string key, string name, ProviderOptions provider, List<string> failures)
    {
        if (!Enum.IsDefined(provider.Kind))
        {
            failures.Add($"{key}:Kind must be one of {string.Join(", ", Enum.GetNames<ProviderKind>())}.");
        }

        if (!string.IsNullOrWhiteSpace(provider.BaseUrl)
            && (!Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"{key}:BaseUrl must be an absolute http or https URL (was '{provider.BaseUrl}').");
        }

        if (provider.Kind == ProviderKind.Anthropic && ApiKeys.Resolve(provider.ApiKey, ApiKeys.AnthropicVariable) is null)
        {
            failures.Add($"{key}:ApiKey is empty and {ApiKeys.AnthropicVariable} is not set: the provider '{name}' cannot authenticate.");
        }

        Range(failures, $"{key}:TimeoutSeconds", provider.TimeoutSeconds, 1, 3_600);
        Range(failures, $"{key}:MaxRetries", provider.MaxRetries, 0, 10);
        Range(failures, $"{key}:RetryBaseDelayMs", provider.RetryBaseDelayMs, 1, 600_000);
        Range(failures, $"{key}:RequestsPerMinute", provider.RequestsPerMinute, 0, 1_000_000);
        Range(failures, $"{key}:TokensPerMinute", provider.TokensPerMinute, 0, 1_000_000_000);
        Range(failures, $"{key}:CircuitMinimumCalls", provider.CircuitMinimumCalls, 2, 10_000);
        Range(failures, $"{key}:CircuitSamplingSeconds", provider.CircuitSamplingSeconds, 1, 86_400);
        Range(failures, $"{key}:CircuitBreakSeconds", provider.CircuitBreakSeconds, 1, 86_400);
        Range(failures, $"{key}:SimulatedLatencyMs", provider.SimulatedLatencyMs, 0, 600_000);
        if (provider.CircuitFailureRatio is < 0.01 or > 1.0 || double.IsNaN(provider.CircuitFailureRatio))
        {
            failures.Add($"{key}:CircuitFailureRatio must be between 0.01 and 1 (was {provider.CircuitFailureRatio}).");
        }
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }
}
