using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Core.Tools;

namespace Orch.Core.Execution;

/// <summary>
/// Reads a task's <see cref="TaskDetail"/>: its definition, its output and verdict (<see cref="ProjectRunReader.ReadOutputAsync"/>),
/// its full log (<see cref="TaskLogReader"/>, the same log the MCP resource serves), the tool calls in that log,
/// and the files its attempts wrote with their sizes in the workspace now.
/// </summary>
public sealed class TaskDetailReader(
    IDbContextFactory<OrchDbContext> contextFactory,
    ProjectRunReader runs,
    TaskLogReader logs,
    Workspaces workspaces,
    WorkspaceSandbox sandbox)
{
    /// <exception cref="NotFoundException">No project has the id, or its approved plan has no task with the key.</exception>
    /// <exception cref="InvalidInputException">The key is blank, too long or holds characters no key has.</exception>
    public async Task<TaskDetail> ReadAsync(Guid projectId, string key, CancellationToken cancellationToken)
    {
        PlanTaskView task;
        string projectName;
        ProjectStatus projectStatus;
        List<(int Attempt, List<string> Files)> written;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // Said apart from an unknown key: a wrong project id is the more likely mistake in an address.
            var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Name, p.Status }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("project", projectId.ToString());
            (projectName, projectStatus) = (project.Name, project.Status);

            var row = await ApprovedTasks.FindAsync(db, projectId, key, cancellationToken);
            task = PlanTaskView.From(row);
            written = [.. (await db.TaskRuns.AsNoTracking().Where(r => r.PlanTaskId == row.Id)
                .Select(r => new { r.Attempt, r.Files }).ToListAsync(cancellationToken)).Select(r => (r.Attempt, r.Files))];
        }

        var output = await runs.ReadOutputAsync(projectId, key, cancellationToken);
        var log = await logs.ReadAsync(projectId, key, cancellationToken);
        return new TaskDetail(projectName, projectStatus, task, output, log, ToolCalls(log), Files(projectId, written));
    }

    private static List<ToolCallView> ToolCalls(TaskLog log)
    {
        var attemptOf = log.Attempts.ToDictionary(a => a.RunId, a => a.Attempt);
        var calls = new List<ToolCallView>();
        foreach (var entry in log.Entries.Where(e => e.Type == EventTypes.TaskToolCall))
        {
            using var json = JsonDocument.Parse(entry.Payload);
            var root = json.RootElement;
            Guid? runId = root.TryGetProperty("run_id", out var run) && run.TryGetGuid(out var id) ? id : null;
            calls.Add(new ToolCallView(
                entry.Sequence,
                entry.OccurredAt,
                runId,
                runId is { } known && attemptOf.TryGetValue(known, out var attempt) ? attempt : null,
                Text(root, "tool") ?? "?",
                !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.False,
                Text(root, "arguments"),
                Text(root, "result") ?? string.Empty,
                root.TryGetProperty("result_chars", out var chars) && chars.TryGetInt32(out var length) ? length : null,
                root.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array
                    ? [.. files.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!)]
                    : []));
        }

        return calls;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Each path once, with the last attempt that wrote it, and its size as the workspace holds it now.</summary>
    private List<WrittenFile> Files(Guid projectId, List<(int Attempt, List<string> Files)> written)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (attempt, files) in written.OrderBy(w => w.Attempt))
        {
            foreach (var file in files)
            {
                last[file] = attempt;
            }
        }

        if (last.Count == 0)
        {
            return [];
        }

        var workspace = workspaces.For(projectId);
        return [.. last.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new WrittenFile(f.Key, f.Value, SizeOf(workspace, f.Key)))];
    }

    private long? SizeOf(string workspace, string relative)
    {
        try
        {
            // Through the sandbox: a file replaced by a link that leads out of the workspace is not looked at.
            var path = sandbox.Resolve(workspace, relative, WorkspaceAccess.Read);
            var file = new FileInfo(path.FullPath);
            return file.Exists ? file.Length : null;
        }
        catch (Exception ex) when (ex is InvalidInputException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
