using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orch.Core;

/// <summary>
/// The settings in effect under <c>Orch</c>: every setting of every section (<see cref="OrchConfiguration.Sections"/>)
/// with the value the services were given — defaults included — and where it came from, secrets hidden.
/// Read once: Orch reads its settings at start-up and does not reload them.
/// </summary>
public sealed class SettingsReader
{
    private readonly Lazy<IReadOnlyList<SettingLine>> lines;

    public SettingsReader(IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(services);
        lines = new Lazy<IReadOnlyList<SettingLine>>(() => ReadAll(configuration, services));
    }

    public IReadOnlyList<SettingLine> Read() => lines.Value;

    private static List<SettingLine> ReadAll(IConfiguration configuration, IServiceProvider services)
    {
        var providers = configuration is IConfigurationRoot root ? root.Providers.Reverse().ToList() : [];
        var result = new List<SettingLine>();
        foreach (var (section, type) in OrchConfiguration.Sections)
        {
            // The options as the services see them: bound, and completed by their defaults (the offline provider, the
            // tiers). A section no service of this host binds (the dashboard's, in another host) is bound here.
            var bound = services.GetService(typeof(IEnumerable<>).MakeGenericType(typeof(IConfigureOptions<>).MakeGenericType(type))) is IEnumerable configures
                && configures.Cast<object>().Any();
            var options = bound && services.GetService(typeof(IOptions<>).MakeGenericType(type)) is { } wrapper
                ? typeof(IOptions<>).MakeGenericType(type).GetProperty(nameof(IOptions<object>.Value))!.GetValue(wrapper)
                : configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type);
            Flatten(section, options, type, result, providers);
        }

        return result;
    }

    private static void Flatten(string key, object? value, Type type, List<SettingLine> into, IReadOnlyList<IConfigurationProvider> providers)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(plain))
        {
            var text = Format(value);
            // Only text can hold a secret: a number, a switch or a choice among named values cannot.
            var shown = plain == typeof(string) ? SecretMask.Apply(key, text) : text;
            into.Add(new SettingLine(key, shown, SourceOf(key, providers), !string.Equals(shown, text, StringComparison.Ordinal)));
            return;
        }

        switch (value)
        {
            case null:
                into.Add(new SettingLine(key, null, SourceOf(key, providers), false));
                return;
            case IDictionary dictionary:
                var entryType = EntryType(type);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Flatten($"{key}:{entry.Key}", entry.Value, entryType, into, providers);
                }

                return;
            case IEnumerable list:
                var itemType = EntryType(type);
                var index = 0;
                foreach (var item in list)
                {
                    Flatten($"{key}:{index++.ToString(CultureInfo.InvariantCulture)}", item, itemType, into, providers);
                }

                return;
        }

        // The section types are Orch's own options classes: their settable properties are the settings.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            Flatten($"{key}:{property.Name}", property.GetValue(value), property.PropertyType, into, providers);
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri);

    private static Type EntryType(Type collection) =>
        collection.IsGenericType ? collection.GetGenericArguments()[^1] : collection.GetElementType() ?? typeof(object);

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string FileOf(FileConfigurationSource source) =>
        source.Path is null ? "?" : source.FileProvider?.GetFileInfo(source.Path).PhysicalPath ?? source.Path;

    /// <summary>The source that set the key last (the one that wins), or "default" when none did.</summary>
    private static string SourceOf(string key, IReadOnlyList<IConfigurationProvider> providers)
    {
        foreach (var provider in providers)
        {
            if (provider.TryGet(key, out _))
            {
                return provider switch
                {
                    FileConfigurationProvider file => "file " + FileOf(file.Source),
                    _ when provider.GetType().Name.StartsWith("EnvironmentVariables", StringComparison.Ordinal) => "environment",
                    _ when provider.GetType().Name.StartsWith("CommandLine", StringComparison.Ordinal) => "command line",
                    _ when provider.GetType().Name.StartsWith("Memory", StringComparison.Ordinal) => "in memory",
                    _ => provider.GetType().Name.Replace("ConfigurationProvider", "", StringComparison.Ordinal),
                };
            }
        }

        return SettingLine.DefaultSource;
    }
}
