using Polly.CircuitBreaker;

namespace Orch.Core.Models;

/// <summary>
/// One configured provider as this process sees it now: its last health check, its circuit, and its rate
/// limits with the permits left in the current minute (null where there is no limit). The circuit and the
/// limits belong to this process: another node sharing the database keeps its own.
/// </summary>
public sealed record ProviderReport(
    string Name,
    ProviderKind Kind,
    string? BaseUrl,
    ProviderAvailability Availability,
    string? Detail,
    DateTimeOffset? CheckedAt,
    CircuitState Circuit,
    int CircuitBreakSeconds,
    int RequestsPerMinute,
    long? RequestsLeft,
    int TokensPerMinute,
    long? TokensLeft,
    int Attempts);
