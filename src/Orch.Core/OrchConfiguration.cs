using Microsoft.Extensions.Configuration;
using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Storage;
using Orch.Core.Tools;

namespace Orch.Core;

/// <summary>Where Orch's settings come from, and which settings exist.</summary>
public static class OrchConfiguration
{
    /// <summary>Names a settings file to read instead of <c>config/orch.json</c>.</summary>
    public const string ConfigFileVariable = "ORCH_CONFIG";

    public const string DefaultConfigFile = "config/orch.json";

    /// <summary>Every settings section and the options type it binds to; used to reject misspelt keys.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [OrchOptions.SectionName] = typeof(OrchOptions),
        [StorageOptions.SectionName] = typeof(StorageOptions),
        [PlanOptions.SectionName] = typeof(PlanOptions),
        [ModelOptions.SectionName] = typeof(ModelOptions),
        [InputGuardOptions.SectionName] = typeof(InputGuardOptions),
        [BudgetOptions.SectionName] = typeof(BudgetOptions),
        [ExecutionOptions.SectionName] = typeof(ExecutionOptions),
        [KnowledgeOptions.SectionName] = typeof(KnowledgeOptions),
        [TelemetryOptions.SectionName] = typeof(TelemetryOptions),
        [AdminOptions.SectionName] = typeof(AdminOptions),
    };

    /// <summary>
    /// Adds, in rising precedence: <c>config/orch.json</c> under <paramref name="baseDirectory"/> if it exists
    /// (or the file <c>ORCH_CONFIG</c> names, which must exist), then environment variables such as
    /// <c>Orch__Storage__ConnectionString</c>.
    /// </summary>
    public static IConfigurationBuilder AddOrchSources(this IConfigurationBuilder builder, string baseDirectory)
    {
        var named = Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            var path = Path.GetFullPath(named, baseDirectory);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{ConfigFileVariable} names {path}, which does not exist.", path);
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(baseDirectory, DefaultConfigFile), optional: true, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables();
    }

    /// <summary>Keys under <c>Orch</c> that no options type has: misspellings that would otherwise be ignored silently.</summary>
    public static IEnumerable<string> FindUnknownKeys(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection(OrchOptions.SectionName).AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            var section = Sections.Keys
                .Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase))
                .MaxBy(s => s.Length);
            if (section is null)
            {
                continue;
            }

            if (!IsKnown(Sections[section], key[(section.Length + 1)..].Split(':')))
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// Whether a key path names a writable property of <paramref name="type"/>; inside a list or
    /// dictionary of settings objects (tiers, providers) the entries' own properties are checked too.
    /// </summary>
    private static bool IsKnown(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        if (property is null)
        {
            return false;
        }

        if (!IsCollection(property.PropertyType))
        {
            return property.CanWrite && path.Length == 1;
        }

        // path[1] is the entry's index or name; what follows belongs to the entry.
        var entry = EntryType(property.PropertyType);
        return path.Length <= 2 || entry is null || entry == typeof(string) || IsCollection(entry) || IsKnown(entry, path[2..]);
    }

    private static Type? EntryType(Type collection) =>
        collection.IsGenericType ? collection.GetGenericArguments()[^1] : collection.GetElementType();

    /// <summary>The settings a section has, for error messages.</summary>
    public static IEnumerable<string> KnownKeys(string section) =>
        Sections.TryGetValue(section, out var type)
            ? type.GetProperties().Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}")
            : [];

    private static bool IsCollection(Type type) => type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable));
}
