namespace Orch.Mcp.Tools;

/// <summary>A tool's structured answer that can also say itself in a few readable lines.</summary>
public interface IToolReply
{
    /// <summary>A short text for people and for clients that read no structured content; it names the ids needed next.</summary>
    string ToText();
}
