namespace Orch.Core;

/// <summary>An argument from outside (a person, an assistant, a file) that breaks a rule; names the field.</summary>
public sealed class InvalidInputException(string field, string problem) : OrchException($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
