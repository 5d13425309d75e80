namespace Orch.Core.Storage;

/// <summary>The configured database cannot be reached or created.</summary>
public sealed class StorageUnavailableException(string message, Exception innerException) : OrchException(message, innerException);
