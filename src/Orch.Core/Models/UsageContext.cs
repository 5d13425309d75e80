using Orch.Core.Budgets;

namespace Orch.Core.Models;

/// <summary>What a model call is for and whose it is, for its reservation and its usage record.</summary>
public sealed record UsageContext(UsagePurpose Purpose, Guid? ProjectId, Guid? PlanTaskId = null, Guid? TaskRunId = null, int? Attempt = null);
