namespace Orch.Admin.Tests.Browser;

/// <summary>Browser tests share one Chromium and run one at a time: each drives a live circuit, and timing matters.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
