namespace Orch.Core.Storage.Schema;

public sealed record SchemaUpgradeResult(int FromVersion, int ToVersion, IReadOnlyList<string> Applied);
