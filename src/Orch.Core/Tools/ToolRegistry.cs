using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Tools;

/// <summary>
/// The tools this process can offer a task, built once from the registered <see cref="ToolRegistration"/>s.
/// A tool that fails to build is logged and left out: one broken tool never stops the engine.
/// Calls go through <see cref="InvokeAsync"/>, which turns every failure but cancellation into an error
/// result the model can read.
/// </summary>
public sealed partial class ToolRegistry
{
    private readonly Dictionary<string, IOrchTool> tools = new(StringComparer.Ordinal);
    private readonly List<IOrchTool> loaded = [];
    private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);
    private readonly ILogger<ToolRegistry> logger;

    public ToolRegistry(IEnumerable<ToolRegistration> registrations, IServiceProvider services, ILogger<ToolRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(services);
        this.logger = logger;
        foreach (var registration in registrations)
        {
            Load(registration, services);
        }
    }

    /// <summary>The loaded tools, in the order they were registered.</summary>
    public IReadOnlyList<IOrchTool> Tools => loaded;

    /// <summary>Tools that were registered but could not be built, with why.</summary>
    public IReadOnlyDictionary<string, string> Failures => failures;

    public bool TryGet(string name, [NotNullWhen(true)] out IOrchTool? tool) => tools.TryGetValue(name, out tool);

    /// <summary>The loaded tools among <paramref name="names"/>, in order and without repeats; the other names are reported.</summary>
    public ToolSelection For(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var found = new List<IOrchTool>();
        var unknown = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (tools.TryGetValue(name, out var tool))
            {
                found.Add(tool);
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0)
        {
            LogUnknownRequested(logger, string.Join(", ", unknown));
        }

        return new ToolSelection(found, unknown);
    }

    /// <summary>The tools as the model sees them: name, description and argument schema, not invocable.</summary>
    public static IList<AITool> Declarations(IEnumerable<IOrchTool> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        return [.. selected.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.InputSchema))];
    }

    /// <summary>
    /// Runs a call. An unknown tool, or a tool that throws anything but cancellation of
    /// <paramref name="cancellationToken"/>, gives an error result with the reason.
    /// </summary>
    public async Task<ToolResult> InvokeAsync(string name, IReadOnlyDictionary<string, object?>? arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(context);
        if (!tools.TryGetValue(name, out var tool))
        {
            var offered = string.Join(", ", tools.Keys.Order(StringComparer.Ordinal));
            return ToolResult.Error($"There is no tool named '{name}'. Available tools: {offered}.");
        }

        try
        {
            return await tool.InvokeAsync(arguments ?? new Dictionary<string, object?>(), context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // Cancelled by something other than the caller: a time-out inside the tool.
            LogToolFailed(logger, name, context.TaskKey, ex);
            return ToolResult.Error($"Tool '{name}' timed out before it finished.");
        }
        catch (OrchException ex)
        {
            // Written for the caller to read.
            return ToolResult.Error($"Tool '{name}' failed: {ex.Message}");
        }
        catch (Exception ex)
        {
            LogToolFailed(logger, name, context.TaskKey, ex);
            return ToolResult.Error($"Tool '{name}' failed unexpectedly ({ex.GetType().Name}: {ex.Message}).");
        }
    }

    private void Load(ToolRegistration registration, IServiceProvider services)
    {
        IOrchTool tool;
        try
        {
            tool = registration.Create(services) ?? throw new InvalidOperationException("its factory returned null");
        }
        catch (Exception ex)
        {
            failures[registration.Name] = ex.Message;
            LogLoadFailed(logger, registration.Name, ex);
            return;
        }

        if (tool.Name != registration.Name)
        {
            failures[registration.Name] = $"it calls itself '{tool.Name}'";
            LogNameMismatch(logger, registration.Name, tool.Name);
        }
        else if (!tools.TryAdd(tool.Name, tool))
        {
            failures[registration.Name] = "another tool has the same name";
            LogDuplicate(logger, tool.Name);
        }
        else
        {
            loaded.Add(tool);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} could not be loaded and is not offered")]
    private static partial void LogLoadFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool registered as {Registered} names itself {Actual}; not offered")]
    private static partial void LogNameMismatch(ILogger logger, string registered, string actual);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} is registered twice; the first is kept")]
    private static partial void LogDuplicate(ILogger logger, string tool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requested tools that are not loaded: {Tools}")]
    private static partial void LogUnknownRequested(ILogger logger, string tools);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} failed in task {TaskKey}")]
    private static partial void LogToolFailed(ILogger logger, string tool, string taskKey, Exception exception);
}
