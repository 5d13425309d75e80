using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Orch.Core.Tools;

/// <summary>
/// Keeps file tools inside a project's workspace. <see cref="Resolve"/> accepts a model-given path
/// only if it meets <see cref="WorkspacePathRules"/> and its real path, every symbolic link resolved,
/// lies inside the workspace's real path; otherwise it throws an <see cref="InvalidInputException"/>
/// that says why, and logs the attempt. Reads and writes re-check where they actually landed, so a
/// link swapped in after the check cannot take them out of the workspace.
/// </summary>
public sealed partial class WorkspaceSandbox(ILogger<WorkspaceSandbox> logger)
{
    /// <exception cref="InvalidInputException">The path is refused; the message says why.</exception>
    public WorkspacePath Resolve(string workspace, string? requested, WorkspaceAccess access)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        var root = RealRoot(workspace);
        if (access == WorkspaceAccess.List && (string.IsNullOrEmpty(requested) || requested is "." or "./" or ".\\"))
        {
            return new WorkspacePath(root, string.Empty, root);
        }

        var refusal = WorkspacePathRules.Check(requested, out var segments);
        if (refusal is null && segments.Count == 0 && access != WorkspaceAccess.List)
        {
            refusal = "names the workspace itself; give a file inside it, such as notes/plan.md.";
        }

        if (refusal is not null)
        {
            throw Refuse(requested, access, refusal);
        }

        // Walk down one name at a time: a link is followed, and must land inside the workspace.
        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            string real;
            try
            {
                real = RealPaths.Resolve(Path.Join(current, segments[i]));
            }
            catch (IOException ex)
            {
                throw Refuse(requested, access, $"could not be resolved: {ex.Message}");
            }

            if (!RealPaths.IsWithin(real, root))
            {
                var link = string.Join('/', segments.Take(i + 1));
                throw Refuse(requested, access, $"goes through '{link}', a symbolic link that leads outside the workspace.");
            }

            current = real;
        }

        if (access != WorkspaceAccess.List && current.Equals(root, RealPaths.Comparison))
        {
            throw Refuse(requested, access, "leads to the workspace itself; give a file inside it.");
        }

        return new WorkspacePath(root, string.Join('/', segments), current);
    }

    /// <summary>Opens a resolved file for reading, and refuses it if the file opened is not the one checked.</summary>
    /// <exception cref="InvalidInputException">The file moved out of the workspace after the check.</exception>
    public FileStream OpenRead(WorkspacePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        if (!Landed(stream.SafeFileHandle, path.FullPath, path.Workspace))
        {
            stream.Dispose();
            throw Refuse(path.Relative, WorkspaceAccess.Read, "changed into a symbolic link that leads outside the workspace.");
        }

        return stream;
    }

    /// <summary>
    /// Writes a file: missing folders are created one at a time, each checked; the content goes to a new
    /// file beside the target, checked where it landed, then renamed over the target. A rename replaces a
    /// link at the target instead of writing through it.
    /// </summary>
    /// <exception cref="InvalidInputException">A folder on the way is a file or leads outside the workspace.</exception>
    public async Task WriteAsync(WorkspacePath path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = EnsureFolders(path);
        var temporary = Path.Join(folder, $".orch-{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
            await using (var stream = new FileStream(temporary, options))
            {
                // Nothing is written until the new file is known to be inside the workspace.
                if (!Landed(stream.SafeFileHandle, temporary, path.Workspace))
                {
                    throw Refuse(path.Relative, WorkspaceAccess.Write, "had a folder replaced by a symbolic link while it was written.");
                }

                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            if (!RealPaths.Resolve(folder).Equals(folder, RealPaths.Comparison))
            {
                throw Refuse(path.Relative, WorkspaceAccess.Write, "had a folder replaced by a symbolic link while it was written.");
            }

            File.Move(temporary, path.FullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string EnsureFolders(WorkspacePath path)
    {
        var folder = Path.GetDirectoryName(path.FullPath)!;
        var relative = Path.GetRelativePath(path.Workspace, folder);
        var current = path.Workspace;
        if (relative == ".")
        {
            return current;
        }

        foreach (var name in relative.Split(Path.DirectorySeparatorChar))
        {
            var next = Path.Join(current, name);
            if (File.Exists(next))
            {
                throw Refuse(path.Relative, WorkspaceAccess.Write, $"needs '{Path.GetRelativePath(path.Workspace, next).Replace('\\', '/')}' to be a folder, but it is a file.");
            }

            Directory.CreateDirectory(next);
            var real = RealPaths.Resolve(next);
            if (!real.Equals(next, RealPaths.Comparison) && !RealPaths.IsWithin(real, path.Workspace))
            {
                throw Refuse(path.Relative, WorkspaceAccess.Write, "had a folder replaced by a symbolic link that leads outside the workspace.");
            }

            current = real;
        }

        return current;
    }

    private static string RealRoot(string workspace)
    {
        var full = Path.GetFullPath(workspace);
        Directory.CreateDirectory(full);
        return RealPaths.Resolve(full);
    }

    /// <summary>
    /// Where an open handle really points. On Linux the kernel says (<c>/proc/self/fd</c>); elsewhere the path
    /// is resolved again, which narrows the window a swapped link would need to a few instructions.
    /// </summary>
    private static bool Landed(SafeFileHandle handle, string expected, string workspace)
    {
        string actual;
        if (OperatingSystem.IsLinux() && RealPaths.LinkTarget($"/proc/self/fd/{handle.DangerousGetHandle()}") is { } opened)
        {
            actual = opened;
        }
        else
        {
            actual = RealPaths.Resolve(expected);
        }

        return actual.Equals(expected, RealPaths.Comparison) && RealPaths.IsWithin(actual, workspace);
    }

    private InvalidInputException Refuse(string? requested, WorkspaceAccess access, string reason)
    {
        LogRefused(logger, access, Printable(requested), reason);
        return new InvalidInputException("path", $"'{Printable(requested)}' {reason}");
    }

    /// <summary>The path as it may be shown and logged: control characters escaped, long paths cut.</summary>
    private static string Printable(string? path)
    {
        if (path is null)
        {
            return string.Empty;
        }

        var shown = path.Length > 200 ? path[..200] : path;
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                builder.Append(c).Append(shown[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                builder.Append($"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return path.Length > 200 ? builder.Append('…').ToString() : builder.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a workspace path for {Access}: '{Path}' {Reason}")]
    private static partial void LogRefused(ILogger logger, WorkspaceAccess access, string path, string reason);
}
