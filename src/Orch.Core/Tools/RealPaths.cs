namespace Orch.Core.Tools;

/// <summary>
/// Resolves symbolic links (and junctions) the way the operating system does, one component at a
/// time, whether or not the path exists yet: the real path is what a file operation would reach.
/// </summary>
internal static class RealPaths
{
    /// <summary>As Linux's limit (MAXSYMLINKS): more links than this in one path is a loop.</summary>
    private const int MaxLinks = 40;

    public static StringComparison Comparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The real path of an absolute path.</summary>
    /// <exception cref="IOException">The path has a link loop (or too many links).</exception>
    public static string Resolve(string absolute)
    {
        var full = Path.GetFullPath(absolute);
        var current = Path.GetPathRoot(full) ?? throw new ArgumentException("Not an absolute path.", nameof(absolute));
        var pending = new Stack<string>();
        Push(pending, full[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                // current has no link in it, so its parent is its real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"More than {MaxLinks} symbolic links in one path (a link loop).");
            }

            if (Path.IsPathRooted(target))
            {
                var root = Path.GetPathRoot(target)!;
                current = root;
                Push(pending, target[root.Length..]);
            }
            else
            {
                // Relative to the folder that holds the link, which is current.
                Push(pending, target);
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (both real and absolute).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return path.Equals(trimmed, Comparison)
            || (path.Length > trimmed.Length && path.StartsWith(trimmed, Comparison) && IsSeparator(path[trimmed.Length]));
    }

    /// <summary>The link's target as written, or null when the path is no link (or does not exist).</summary>
    public static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Push(Stack<string> pending, string path)
    {
        var segments = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }
    }

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;
}
