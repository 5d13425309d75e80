namespace Orch.Core.Plans;

/// <summary>Where a plan version came from.</summary>
public enum PlanSource
{
    /// <summary>Written by the planning model from requirements.</summary>
    Model,

    /// <summary>Read from a workflow definition file.</summary>
    Workflow,

    /// <summary>Given or edited by a person.</summary>
    Manual,
}
