namespace Orch.Benchmarks.Admin;

/// <summary>One GET of a page: until its headers arrived, until its last byte did, and how many bytes it had.</summary>
internal sealed record PageLoad(double HeadersMs, double CompleteMs, int Bytes);
