using System.Text.RegularExpressions;

namespace Orch.Core.Models;

internal static partial class TierName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();
}
