namespace Orch.Core.Execution;

/// <summary>What <c>next_task</c> found: a task claimed for the assistant, or why there is none now.</summary>
/// <param name="Task">The claimed task; null when nothing was ready for the assistant.</param>
/// <param name="Message">What happened, or why nothing is ready and what to do.</param>
/// <param name="Remaining">The project's assistant tasks not finished yet, this one included.</param>
public sealed record AssistantClaim(AssistantTask? Task, string Message, int Remaining);
