namespace Orch.Benchmarks.Admin;

/// <summary>Bursts of changes the server made to a live page's content, and how long before they were taken the first began (null for none).</summary>
internal sealed record PageUpdates(int Bursts, double? FirstAgoMs);
