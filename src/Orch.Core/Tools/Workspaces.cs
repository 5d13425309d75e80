using Microsoft.Extensions.Options;
using Orch.Core.Execution;

namespace Orch.Core.Tools;

/// <summary>
/// Where each project's files live: <c>{Orch:Execution:WorkspaceDirectory}/{projectId:N}</c>, or
/// <c>workspaces/{projectId:N}</c> under the data directory when no folder is configured.
/// </summary>
public sealed class Workspaces(IOptions<ExecutionOptions> execution, IOptions<OrchOptions> orch)
{
    /// <summary>The absolute folder that holds every project's workspace.</summary>
    public string Root
    {
        get
        {
            var data = orch.Value.ResolveDataDirectory();
            var configured = execution.Value.WorkspaceDirectory;
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(data, "workspaces")
                : Path.GetFullPath(Environment.ExpandEnvironmentVariables(configured.Trim()), data);
        }
    }

    /// <summary>The project's workspace as an absolute path, created if it does not exist yet.</summary>
    public string For(Guid projectId)
    {
        if (projectId == Guid.Empty)
        {
            throw new ArgumentException("A workspace belongs to a project; the empty id names none.", nameof(projectId));
        }

        var path = Path.Combine(Root, projectId.ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
