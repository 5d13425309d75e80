namespace Orch.Admin.Components.Runs;

/// <summary>
/// One attempt drawn on its task's lane: where it starts and how wide it is, in percent of the time axis, and the
/// outcome word that colours it (<c>running</c>, <c>succeeded</c>, <c>failed</c>… — the .orch-bar-&lt;outcome&gt; rules).
/// </summary>
public sealed record TimelineBar(int Attempt, string Outcome, double Left, double Width, string Label);
