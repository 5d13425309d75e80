namespace Orch.Core.Plans;

/// <summary>How a workflow file is written; see <see cref="WorkflowReader"/>.</summary>
public enum WorkflowFormat
{
    Yaml,
    Json,
}
