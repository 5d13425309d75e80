namespace Orch.Core.Plans;

/// <summary>
/// A plan as a revision would make it, checked and forecast but not stored: the document the revision gives,
/// every problem with it (paths index <see cref="PlanDocument.Tasks"/> of <paramref name="Document"/>), and the
/// forecast against the project's budget, which exists only while the document is valid.
/// </summary>
public sealed record PlanPreview(PlanDocument Document, PlanValidation Validation, PlanForecast? Forecast)
{
    public bool IsValid => Validation.IsValid;
}
