namespace Orch.Core.Models;

/// <summary>One model provider, under <c>Orch:Models:Providers:{name}</c>.</summary>
public sealed class ProviderOptions
{
    public ProviderKind Kind { get; set; } = ProviderKind.Offline;

    /// <summary>The API's base URL; empty for the provider's public default (Ollama: http://localhost:11434).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The API key. Empty: ANTHROPIC_API_KEY or OPENAI_API_KEY from the environment. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take before it counts as timed out.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a transient failure (429, 5xx, timeout), with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry. A server's retry-after wins when it says more.</summary>
    public int RetryBaseDelayMs { get; set; } = 1_000;

    /// <summary>Requests per minute allowed to this provider; 0 for no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tokens (prompt + output) per minute allowed to this provider; 0 for no limit.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>The circuit opens when this share of calls fail within the sampling window (0.1 to 1).</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The circuit needs at least this many calls in the window before it may open.</summary>
    public int CircuitMinimumCalls { get; set; } = 4;

    public int CircuitSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit refuses calls before it lets one try.</summary>
    public int CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Offline provider only: a simulated delay per call, to exercise timing without network.</summary>
    public int SimulatedLatencyMs { get; set; }
}
