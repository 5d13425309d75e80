namespace Orch.Core.Models;

/// <summary>Keys of the structured facts Orch attaches to a call besides its prompt.</summary>
public static class ChatRequestKeys
{
    public const string Purpose = "orch.purpose";
    public const string Requirements = "orch.requirements";
    public const string Constraints = "orch.constraints";
    public const string AcceptanceCriteria = "orch.acceptance_criteria";
    public const string CurrentPlan = "orch.current_plan";
    public const string Instructions = "orch.instructions";
    public const string Output = "orch.output";
}
