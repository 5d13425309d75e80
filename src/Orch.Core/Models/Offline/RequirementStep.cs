namespace Orch.Core.Models.Offline;

/// <summary>
/// One step found in requirements text: a list item or a sentence. <see cref="Children"/> are the
/// items nested under it; <see cref="Ordered"/> says whether it sat in a numbered list.
/// </summary>
internal sealed class RequirementStep(string text, int indent, bool ordered, string? context)
{
    private readonly System.Text.StringBuilder text = new(text);
    private string? built;

    /// <summary>Built once after the last wrapped line: the planner reads it many times per step.</summary>
    public string Text => built ??= text.ToString();

    /// <summary>Adds a wrapped line of the item; linear however many lines it has.</summary>
    public void Append(string line)
    {
        text.Append(' ').Append(line);
        built = null;
    }

    public int Indent { get; } = indent;

    public bool Ordered { get; } = ordered;

    /// <summary>The line that introduced its list ("The site needs:"), if any.</summary>
    public string? Context { get; } = context;

    public RequirementStep? Parent { get; set; }

    public List<RequirementStep> Children { get; } = [];
}
