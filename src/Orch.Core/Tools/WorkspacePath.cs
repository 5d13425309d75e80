namespace Orch.Core.Tools;

/// <summary>
/// A path that <see cref="WorkspaceSandbox"/> accepted: <see cref="Relative"/> as the model should
/// see it (segments joined by '/'), and <see cref="FullPath"/>, the absolute path with every symbolic
/// link resolved, which lies inside the real path of <see cref="Workspace"/>.
/// </summary>
public sealed record WorkspacePath(string Workspace, string Relative, string FullPath)
{
    /// <summary>The workspace itself: only folders are ever resolved to it.</summary>
    public bool IsRoot => Relative.Length == 0;
}
