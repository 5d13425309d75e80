namespace Orch.Core.Tools;

/// <summary>
/// A tool offered to the registry: its name and how to build it. Registered in DI as a singleton;
/// the registry builds each once and skips, with a warning, one whose factory throws.
/// </summary>
public sealed record ToolRegistration(string Name, Func<IServiceProvider, IOrchTool> Create);
