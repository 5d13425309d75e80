namespace Orch.Core.Models;

public enum ProviderKind
{
    /// <summary>Rules-based, no network, no language model: the default.</summary>
    Offline,

    Anthropic,

    /// <summary>A local Ollama server's native API.</summary>
    Ollama,

    /// <summary>OpenAI or any server that speaks its chat completions API (vLLM, LM Studio, Ollama's /v1).</summary>
    OpenAI,
}
