using Microsoft.Extensions.Options;
using Orch.Core.Models;

namespace Orch.Core.Tools;

internal sealed class KnowledgeOptionsValidator(IOptions<ModelOptions> models) : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        const string section = KnowledgeOptions.SectionName;
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.EmbeddingProvider))
        {
            if (!models.Value.Providers.TryGetValue(options.EmbeddingProvider, out var provider))
            {
                failures.Add($"{section}:EmbeddingProvider '{options.EmbeddingProvider}' is not one of the providers ({string.Join(", ", models.Value.Providers.Keys)}).");
            }
            else if (provider.Kind != ProviderKind.Ollama)
            {
                failures.Add($"{section}:EmbeddingProvider '{options.EmbeddingProvider}' is a {provider.Kind} provider; embeddings come from an Ollama provider.");
            }

            if (string.IsNullOrWhiteSpace(options.EmbeddingModel))
            {
                failures.Add($"{section}:EmbeddingModel must name a model.");
            }
        }

        if (options.RerankCandidates is < 1 or > 100)
        {
            failures.Add($"{section}:RerankCandidates must be between 1 and 100 (was {options.RerankCandidates}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
