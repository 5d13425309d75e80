namespace Orch.Core.Plans;

/// <summary>The state of one plan version. An approved version never changes again.</summary>
public enum PlanStatus
{
    Draft,
    Approved,

    /// <summary>A newer version of the plan replaced this draft.</summary>
    Superseded,

    /// <summary>A person turned the draft down.</summary>
    Rejected,
}
