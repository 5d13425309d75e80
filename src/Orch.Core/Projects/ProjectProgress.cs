namespace Orch.Core.Projects;

/// <summary>
/// How far a project's work has come: the tasks of its approved plan version, or, before any is approved, of
/// its newest draft (none of which has run). Finished tasks need no more work: completed or skipped.
/// </summary>
public sealed record ProjectProgress(int Total, int Finished, int Running, int Failed)
{
    public static readonly ProjectProgress None = new(0, 0, 0, 0);

    /// <summary>Finished out of total, from 0 to 1; 0 for a project without tasks.</summary>
    public double Fraction => Total == 0 ? 0 : (double)Finished / Total;
}
