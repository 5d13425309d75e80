using Microsoft.Extensions.Options;
using Orch.Core.Plans;

namespace Orch.Core.Models;

/// <summary>
/// Fills what the configuration left empty, so that Orch runs offline with zero configuration.
/// Lists are filled only when empty: the configuration binder appends to lists, so defaults set in
/// the options class would be merged with, not replaced by, a configured list.
/// </summary>
internal sealed class ModelDefaults : IPostConfigureOptions<ModelOptions>
{
    public const string OfflineProvider = "offline";

    public void PostConfigure(string? name, ModelOptions options)
    {
        if (options.Providers.Count == 0)
        {
            options.Providers[OfflineProvider] = new ProviderOptions { Kind = ProviderKind.Offline };
        }

        if (options.Tiers.Count == 0)
        {
            options.Tiers.AddRange(
            [
                new TierOptions { Name = "local", Provider = OfflineProvider, Model = "offline-rules" },
                new TierOptions { Name = "small", Provider = OfflineProvider, Model = "offline-rules" },
                new TierOptions { Name = "large", Provider = OfflineProvider, Model = "offline-rules" },
            ]);
        }

        if (options.Routing.Count == 0 && options.Tiers.Count >= 3 && options.Tiers.Take(3).Select(t => t.Name).SequenceEqual(["local", "small", "large"], StringComparer.OrdinalIgnoreCase))
        {
            options.Routing[ModelOptions.DefaultRoute] = Row("local", "small", "large");
            // Code and design go wrong expensively on a weak model; writing and data work rarely need a strong one.
            options.Routing[nameof(TaskKind.Code)] = Row("small", "small", "large");
            options.Routing[nameof(TaskKind.Design)] = Row("small", "large", "large");
            options.Routing[nameof(TaskKind.Data)] = Row("local", "local", "small");
        }
    }

    private static Dictionary<string, string> Row(string low, string medium, string high) => new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(TaskComplexity.Low)] = low,
        [nameof(TaskComplexity.Medium)] = medium,
        [nameof(TaskComplexity.High)] = high,
    };
}
