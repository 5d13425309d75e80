namespace Orch.Core.Plans;

/// <summary>What sort of work a task is; with its complexity it decides the starting model tier.</summary>
public enum TaskKind
{
    Research,
    Analysis,
    Design,
    Code,
    Test,
    Writing,
    Review,
    Data,
    Other,
}
