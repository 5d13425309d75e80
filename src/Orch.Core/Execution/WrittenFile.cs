namespace Orch.Core.Execution;

/// <summary>A workspace file a task wrote: its path in the workspace, the last attempt that wrote it, and its size now (null when it is gone).</summary>
public sealed record WrittenFile(string Path, int Attempt, long? Bytes);
