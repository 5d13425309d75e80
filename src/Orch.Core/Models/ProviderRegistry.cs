using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Models.Offline;
using Orch.Core.Models.Providers;

namespace Orch.Core.Models;

/// <summary>
/// Builds each configured provider's client once, wrapped in its <see cref="ProviderGuard"/>, and
/// keeps it for the life of the process: the guard's limits and circuit must be shared by all calls.
/// </summary>
public sealed class ProviderRegistry(IOptions<ModelOptions> options, TimeProvider clock, ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ProviderEntry>> entries = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => options.Value.Providers.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out ProviderEntry? entry)
    {
        if (!options.Value.Providers.TryGetValue(name, out var settings))
        {
            entry = null;
            return false;
        }

        entry = entries.GetOrAdd(name, key => new Lazy<ProviderEntry>(() => Create(key, settings))).Value;
        return true;
    }

    public ProviderEntry Get(string name) =>
        TryGet(name, out var entry) ? entry : throw new InvalidInputException("provider", $"'{name}' is not a configured provider.");

    public void Dispose()
    {
        foreach (var entry in entries.Values.Where(e => e.IsValueCreated).Select(e => e.Value))
        {
            entry.Client.Dispose();
            entry.Guard.Dispose();
        }
    }

    private ProviderEntry Create(string name, ProviderOptions settings)
    {
        var logger = loggers.CreateLogger("Orch.Models.Provider." + name);
        var guard = new ProviderGuard(name, ProviderGuardSettings.From(settings), clock, logger);
        // Each kind is built in its own method: a method that names a provider's client type loads its
        // library when it is compiled, and Orch should not map the Anthropic SDK into a process that has
        // no Anthropic provider configured.
        var (inner, probe) = settings.Kind switch
        {
            ProviderKind.Ollama => Ollama(name, settings, logger),
            ProviderKind.OpenAI => OpenAi(name, settings, logger),
            ProviderKind.Anthropic => Anthropic(name, settings, logger),
            _ => Offline(settings),
        };

        return new ProviderEntry(name, settings, new GuardedChatClient(inner, guard), guard, probe);
    }

    // A probe is the model list: a provider that answers it at all is up.
    private (IChatClient Client, Func<CancellationToken, Task<bool>> Probe) Ollama(string name, ProviderOptions settings, ILogger logger)
    {
        var client = new OllamaChatClient(name, settings, logger: logger, clock: clock);
        return (client, async ct => await client.ListModelsAsync(ct) is not null);
    }

    private (IChatClient Client, Func<CancellationToken, Task<bool>> Probe) OpenAi(string name, ProviderOptions settings, ILogger logger)
    {
        var client = new OpenAiCompatibleChatClient(name, settings, logger: logger, clock: clock);
        return (client, async ct => await client.ListModelsAsync(ct) is not null);
    }

    private (IChatClient Client, Func<CancellationToken, Task<bool>> Probe) Anthropic(string name, ProviderOptions settings, ILogger logger)
    {
        var client = new AnthropicChatClient(name, settings, logger: logger, clock: clock);
        return (client, async ct => await client.ListModelsAsync(ct) is not null);
    }

    private (IChatClient Client, Func<CancellationToken, Task<bool>> Probe) Offline(ProviderOptions settings) =>
        (new OfflineChatClient(TimeSpan.FromMilliseconds(settings.SimulatedLatencyMs), clock), _ => Task.FromResult(true));
}
