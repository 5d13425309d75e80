using Microsoft.Extensions.AI;

namespace Orch.Core.Models;

/// <summary>One configured provider: its settings, its guarded chat client and its protection.</summary>
public sealed record ProviderEntry(string Name, ProviderOptions Options, GuardedChatClient Client, ProviderGuard Guard, Func<CancellationToken, Task<bool>> Probe)
{
    public IChatClient Chat => Client;
}
