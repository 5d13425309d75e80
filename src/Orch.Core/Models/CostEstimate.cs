namespace Orch.Core.Models;

/// <summary>
/// The cost of one call before it is made: <see cref="ExpectedMicros"/> at the typical output
/// length, <see cref="WorstCaseMicros"/> if the model writes every token it may.
/// </summary>
public sealed record CostEstimate(long PromptTokens, long ExpectedOutputTokens, long MaxOutputTokens, long ExpectedMicros, long WorstCaseMicros);
