namespace Orch.Core.Plans;

public enum TaskComplexity
{
    Low,
    Medium,
    High,
}
