using Microsoft.Extensions.AI;

namespace Orch.Core.Models;

/// <summary>A model's answer with what the call used and cost, as recorded.</summary>
public sealed record MeteredResponse(ChatResponse Response, string Model, long InputTokens, long OutputTokens, long CostMicros, TimeSpan Latency);
