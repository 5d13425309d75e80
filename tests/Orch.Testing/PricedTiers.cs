namespace Orch.Testing;

/// <summary>Three priced tiers on the offline provider (free, cheap, strong), so that offline work costs money.</summary>
public static class PricedTiers
{
    /// <summary>The tiers as configuration keys (colon form); add caps or latency beside them as a test needs.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Orch:Models:Tiers:0:Name"] = "local",
        ["Orch:Models:Tiers:0:Provider"] = "offline",
        ["Orch:Models:Tiers:0:Model"] = "offline-rules",
        ["Orch:Models:Tiers:0:InputUsdPerMillion"] = "0",
        ["Orch:Models:Tiers:0:OutputUsdPerMillion"] = "0",
        ["Orch:Models:Tiers:1:Name"] = "small",
        ["Orch:Models:Tiers:1:Provider"] = "offline",
        ["Orch:Models:Tiers:1:Model"] = "offline-rules",
        ["Orch:Models:Tiers:1:InputUsdPerMillion"] = "1",
        ["Orch:Models:Tiers:1:OutputUsdPerMillion"] = "2",
        ["Orch:Models:Tiers:2:Name"] = "large",
        ["Orch:Models:Tiers:2:Provider"] = "offline",
        ["Orch:Models:Tiers:2:Model"] = "offline-rules",
        ["Orch:Models:Tiers:2:InputUsdPerMillion"] = "15",
        ["Orch:Models:Tiers:2:OutputUsdPerMillion"] = "75",
    };
}
