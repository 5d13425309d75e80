namespace Orch.Core;

/// <summary>
/// The root of every error Orch raises on purpose. Its message is written for the person or
/// assistant that caused it: hosts may show it as it is.
/// </summary>
public abstract class OrchException : Exception
{
    protected OrchException(string message)
        : base(message)
    {
    }

    protected OrchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
