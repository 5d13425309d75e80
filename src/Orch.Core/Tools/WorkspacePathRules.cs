using System.Buffers;
using System.Globalization;

namespace Orch.Core.Tools;

/// <summary>
/// The rules a model-given path must meet before it touches the file system. Each refusal says why,
/// for the model to correct. The rules are the same on every operating system, so that a workspace
/// written on Linux can be opened on Windows: backslashes separate folders, and names Windows would
/// alias (trailing dots and spaces, device names, drive letters, streams) are refused everywhere.
/// </summary>
internal static class WorkspacePathRules
{
    public const int MaxPathChars = 1024;
    public const int MaxNameChars = 255;

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    private static readonly SearchValues<char> ForbiddenInNames = SearchValues.Create("<>\"|?*");

    /// <summary>
    /// The path's segments, normalised (empty and <c>.</c> segments dropped), or the reason it is refused.
    /// Nothing is expanded: <c>~</c>, <c>%2e%2e</c> and <c>$HOME</c> are names like any other.
    /// </summary>
    public static string? Check(string? requested, out IReadOnlyList<string> segments)
    {
        segments = [];
        if (string.IsNullOrWhiteSpace(requested))
        {
            return "is empty; give a path relative to the workspace, such as notes/plan.md.";
        }

        if (requested.Length > MaxPathChars)
        {
            return $"is {requested.Length:N0} characters long; at most {MaxPathChars:N0}.";
        }

        if (CheckCharacters(requested) is { } bad)
        {
            return bad;
        }

        var normalized = requested.Replace('\\', '/');
        if (normalized.StartsWith('/'))
        {
            return "is absolute; give a path relative to the workspace, such as notes/plan.md.";
        }

        if (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':')
        {
            return "starts with a drive letter; give a path relative to the workspace.";
        }

        if (normalized.Contains(':', StringComparison.Ordinal))
        {
            return "contains ':', which file names may not (drive letters and alternate data streams).";
        }

        var kept = new List<string>();
        foreach (var segment in normalized.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (CheckName(segment) is { } refusal)
            {
                return refusal;
            }

            kept.Add(segment);
        }

        segments = kept;
        return null;
    }

    private static string? CheckName(string segment)
    {
        if (segment == "..")
        {
            return "contains '..'; paths may not climb out of the folder they start in.";
        }

        if (segment.Length > MaxNameChars)
        {
            return $"has a name of {segment.Length:N0} characters; at most {MaxNameChars}.";
        }

        if (segment[^1] is '.' or ' ')
        {
            return $"has a name ending in a dot or a space ('{segment}'), which Windows strips silently.";
        }

        var forbidden = segment.AsSpan().IndexOfAny(ForbiddenInNames);
        if (forbidden >= 0)
        {
            return $"contains '{segment[forbidden]}', which file names may not.";
        }

        var stem = segment.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem))
        {
            return $"uses the reserved device name '{stem}'.";
        }

        return null;
    }

    private static string? CheckCharacters(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\0')
            {
                return "contains a NUL character.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains a broken character (an unpaired UTF-16 surrogate).";
            }

            if (char.IsControl(c))
            {
                return $"contains the control character U+{(int)c:X4}.";
            }

            // Zero-width and direction-changing characters make a name look like another one.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return $"contains the invisible character U+{(int)c:X4}.";
            }
        }

        return null;
    }
}
