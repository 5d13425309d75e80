using System.Text.RegularExpressions;

namespace Orch.Core.Plans;

/// <summary>
/// Rejects or adjusts a regex match by a check the pattern cannot express (a checksum, a digit count).
/// Gets the whole text and the match's span; returns false to drop it, or true with the span to report
/// (narrowed to a bearer token, or widened back over an e-mail's local part).
/// </summary>
internal delegate bool GuardRefinement(ReadOnlySpan<char> text, ref int start, ref int length);

/// <summary>One detector: a pattern, the kind and rule name its findings get, and an optional refinement.</summary>
internal sealed record GuardRule(GuardFindingKind Kind, string Name, Regex Pattern, GuardRefinement? Refine = null);
