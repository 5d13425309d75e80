namespace Orch.Core.Budgets;

/// <summary>Why a model was called.</summary>
public enum UsagePurpose
{
    Planning,
    Execution,
    Verification,

    /// <summary>A sub-call made by a tool, such as the local model tool.</summary>
    Tool,
}
