namespace Orch.Testing;

/// <summary>A cancellation token for one test step: a hung database or process fails the test instead of hanging the run.</summary>
public static class TestTimeout
{
    public static CancellationToken Token => TokenFor(TimeSpan.FromMinutes(2));

    public static CancellationToken TokenFor(TimeSpan limit) => new CancellationTokenSource(limit).Token;
}
