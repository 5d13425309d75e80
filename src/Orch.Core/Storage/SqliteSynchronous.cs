namespace Orch.Core.Storage;

public enum SqliteSynchronous
{
    Normal,
    Full,
}
