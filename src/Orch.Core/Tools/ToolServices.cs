using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orch.Core.Tools;

/// <summary>Wires the task tools: the registry, workspaces, the sandbox, knowledge search and the five built-in tools.</summary>
internal static class ToolServices
{
    /// <summary>Called by <c>AddOrch</c> after storage, models, budgets and execution options are registered.</summary>
    public static IServiceCollection AddOrchTools(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());

        services.TryAddSingleton<Workspaces>();
        services.TryAddSingleton<WorkspaceSandbox>();
        services.TryAddSingleton<KnowledgeReranker>();
        services.TryAddSingleton<KnowledgeIndex>();
        services.TryAddSingleton<ToolRegistry>();
        Add<ReadFileTool>(services, ReadFileTool.ToolName);
        Add<WriteFileTool>(services, WriteFileTool.ToolName);
        Add<ListFilesTool>(services, ListFilesTool.ToolName);
        Add<SearchKnowledgeTool>(services, SearchKnowledgeTool.ToolName);
        Add<LocalLlmTool>(services, LocalLlmTool.ToolName);
        return services;
    }

    private static void Add<TTool>(IServiceCollection services, string name)
        where TTool : class, IOrchTool
    {
        if (!services.Any(d => d.ServiceType == typeof(ToolRegistration) && d.ImplementationInstance is ToolRegistration r && r.Name == name))
        {
            services.AddSingleton(new ToolRegistration(name, sp => ActivatorUtilities.CreateInstance<TTool>(sp)));
        }
    }
}
