namespace Orch.Core.Models;

/// <summary>
/// What a call is for, sent with every call in <c>ChatOptions.AdditionalProperties</c> under
/// <see cref="ChatRequestKeys.Purpose"/>. Real providers ignore it; the offline provider, which has
/// no language model, uses it to choose which of its rules applies.
/// </summary>
public static class ChatPurpose
{
    public const string Planning = "planning";
    public const string Replanning = "replanning";
    public const string Task = "task";
    public const string Verification = "verification";
}
