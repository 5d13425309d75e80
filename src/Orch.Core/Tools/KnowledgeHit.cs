namespace Orch.Core.Tools;

/// <summary>
/// One search result: where the text came from (<c>file:{path}</c>, <c>task:{key}</c>), its title, the
/// passage that matched (matches in [brackets]) and its rank, higher is better. Ranks compare only
/// within one search.
/// </summary>
public sealed record KnowledgeHit(string Source, string Title, string Snippet, double Rank);
