namespace Orch.Core.Models;

/// <summary>A provider as the router sees it now, with why when it is not available.</summary>
public sealed record ProviderState(string Name, ProviderKind Kind, ProviderAvailability Availability, string? Detail, DateTimeOffset? CheckedAt);
