namespace Orch.Core.Tools;

/// <summary>What a tool means to do with a workspace path; only a folder listing may name the workspace itself.</summary>
public enum WorkspaceAccess
{
    Read,
    Write,
    List,
}
