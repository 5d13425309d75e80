using Orch.Core.Execution;
using Orch.Core.Models;

namespace Orch.Core.Dashboard;

/// <summary>
/// What Orch runs on, as this process sees it: providers (health, circuit, rate limits), tiers, the nodes
/// sharing the database, and the settings in effect with secrets hidden.
/// </summary>
public sealed record ServicesReport(
    IReadOnlyList<ProviderReport> Providers,
    IReadOnlyList<TierView> Tiers,
    IReadOnlyList<NodeView> Nodes,
    string ThisNode,
    bool RunsTasks,
    int HealthCheckSeconds,
    IReadOnlyList<SettingLine> Settings,
    DateTimeOffset ReadAt);
