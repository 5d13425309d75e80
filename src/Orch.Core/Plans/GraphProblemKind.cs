namespace Orch.Core.Plans;

public enum GraphProblemKind
{
    Empty,
    TooManyTasks,
    MissingKey,
    DuplicateKey,
    SelfDependency,
    UnknownDependency,
    Cycle,
}
