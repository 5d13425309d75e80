namespace Orch.Core.Models;

/// <summary>Where a provider's key comes from: its configuration, else the provider's usual environment variable.</summary>
public static class ApiKeys
{
    public const string AnthropicVariable = "ANTHROPIC_API_KEY";
    public const string OpenAIVariable = "OPENAI_API_KEY";

    public static string? Resolve(string? configured, string variable) =>
        !string.IsNullOrWhiteSpace(configured) ? configured
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key ? key
        : null;
}
