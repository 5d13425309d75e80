using System.Text;
using System.Text.RegularExpressions;
using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Input meant to crash, hang or exhaust the reader ends in a clear error. Bounded time is shown by finishing.</summary>
public sealed class WorkflowHostileInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n  ")]
    [InlineData("\uFEFF")]
    public void EmptyText_IsRefused(string text)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Equal("The workflow file cannot be read: the text is empty.", ex.Message);
        Assert.Null(ex.Line);
        Assert.Empty(ex.Problems);
    }

    [Fact]
    public void OnlyComments_IsRefused()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("# nothing here\n# at all\n"));

        Assert.Contains("no YAML document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_IsAnArgumentError() => Assert.Throws<ArgumentNullException>(() => WorkflowReader.Read(null!));

    [Fact]
    public void TextOverTheLimit_IsRefused_BeforeParsing()
    {
        var text = "tasks: []\n# " + new string('x', WorkflowReader.MaxChars);

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Contains($"at most {WorkflowReader.MaxChars:N0} are read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextJustUnderTheLimit_IsRead()
    {
        var head = "tasks:\n  - key: a\n    title: A\n    description: ";
        var text = head + new string('d', WorkflowReader.MaxChars - head.Length);

        var document = WorkflowReader.Read(text);

        Assert.Equal(WorkflowReader.MaxChars - head.Length, document.Tasks![0]!.Description!.Length);
        Assert.Equal("invalid_field", Assert.Single(PlanValidator.Validate(document, 1000).Problems).Code);
    }

    [Fact]
    public void BillionLaughs_IsRefused_AtTheAliasThatCrossesTheLimit()
    {
        const string yaml = """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
            tasks: *i
            """;

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        Assert.Equal((6, 16), (ex.Line, ex.Column));
        Assert.Contains("more than 250,000 values (aliases counted at the size of what they repeat)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_InsideTasks_IsRefused()
    {
        var yaml = new StringBuilder("x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 30; i++)
        {
            yaml.Append($"x{i}: &x{i} [{string.Join(", ", Enumerable.Repeat($"*x{i - 1}", 10))}]\n");
        }

        yaml.Append("tasks:\n  - key: a\n    title: A\n    tools: *x30\n");

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml.ToString()));

        Assert.Contains("too large to read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: &a [*a]\n", 1, 8)]
    [InlineData("tasks: *nowhere\n", 1, 8)]
    public void AnAliasWithoutACompleteAnchor_IsRefused(string yaml, int line, int column)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains("refers to no anchor", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, WorkflowFormat?, int, int> DeepDocuments => new()
    {
        { new string('[', 100_000), null, 1, 17 },
        { string.Concat(Enumerable.Repeat("{a: ", 100_000)), WorkflowFormat.Yaml, 1, 65 },
        { string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', 2 * i) + "a:\n")), null, 17, 33 },
        { string.Concat(Enumerable.Repeat("- ", 500_000)), null, 1, 33 },
        { new string('[', 1_000_000), WorkflowFormat.Json, 1, 17 },
        { string.Concat(Enumerable.Repeat("{\"a\":", 300_000)), null, 1, 81 },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void DeepNesting_IsRefused_AtTheFirstLevelTooDeep(string text, WorkflowFormat? format, int line, int column)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text, format));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains($"nested more than {WorkflowReader.MaxDepth} levels deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWideDocument_OverTheValueLimit_IsRefused()
    {
        var text = "tasks:\n" + string.Concat(Enumerable.Repeat("- a\n", 300_000));

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Contains("too large to read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tasks: []\0\0\0", 1, 10, "U+0000")]
    [InlineData("tasks:\n  - key: a\u0007\n", 2, 11, "U+0007")]
    [InlineData("{\"tasks\": [\u0085\u009B]}", 1, 13, "U+009B")]
    [InlineData("tasks: @d800x", 1, 8, "U+D800")]
    [InlineData("tasks: x@dc00", 1, 9, "U+DC00")]
    [InlineData("a: b\n@ffff", 2, 1, "U+FFFF")]
    public void ControlCharacters_AreRefused_AsBinary(string written, int line, int column, string character)
    {
        // Attributes cannot hold lone surrogates, so "@xxxx" stands for the character U+xxxx.
        var text = Regex.Replace(written, "@([0-9a-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains($"the control character {character}; a workflow file is text (is this a binary file?)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomBytes_AreRefused(int seed)
    {
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);

        Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(Encoding.UTF8.GetString(bytes)));
        Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(Encoding.Latin1.GetString(bytes)));
    }

    [Theory]
    [InlineData("just a sentence", "not 'just a sentence'")]
    [InlineData("42", "not '42'")]
    [InlineData("- key: a\n  title: A\n", "not a list")]
    [InlineData("[{\"key\": \"a\"}]", "not a list")]
    [InlineData("\"tasks\"", "not the text \"tasks\"")]
    [InlineData("~", "not nothing (null)")]
    [InlineData("|\n  block text\n", "not the text \"block text\"")]
    public void ADocumentThatIsNotAMapping_IsRefused(string text, string expected)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Equal((1, 1), (ex.Line, ex.Column));
        Assert.Contains($"a workflow is a mapping of fields (summary, tasks) with a list of tasks, {expected}.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"tasks": []} {"tasks": []}""", WorkflowFormat.Json)]
    [InlineData("""{"tasks": [}""", WorkflowFormat.Json)]
    [InlineData("""{"tasks": ["\ud800"]}""", WorkflowFormat.Json)]
    [InlineData("null", WorkflowFormat.Json)]
    [InlineData("", WorkflowFormat.Json)]
    public void BrokenJson_IsRefused(string text, WorkflowFormat format)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text, format));

        Assert.StartsWith("The workflow file cannot be read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_000_000)]
    public void AHugeFieldName_GivesAShortMessage(int length)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(new string('k', length) + ": 1\ntasks: []\n"));

        Assert.True(ex.Message.Length < 500, ex.Message);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void ManyMistakes_AreCappedInTheReport()
    {
        var yaml = "tasks:\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"  - tilte{i}: x\n"));

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        Assert.Equal(50, ex.Problems.Count);
        Assert.EndsWith("(40 more problems.)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MutatedWorkflows_ReadOrFailWithAWorkflowFormatException_NeverAnythingElse()
    {
        const string seed = """
            name: Fuzz
            tasks:
              - key: a  # comment
                title: "A"
                tools: [x, y]
                description: |
                  hello
                priority: 3
              - {key: b, title: B, depends_on: [a], estimated_cost_usd: 0.5}
              - &t {key: c, title: C}
              - *t
            """;
        const string alphabet = "[]{}:-?&*!|>'\"#,\n \t%@`\\x0é\u2028.~";
        var random = new Random(20250101);
        var read = 0;
        for (var round = 0; round < 3_000; round++)
        {
            var text = new StringBuilder(round % 2 == 0 ? seed : PlanDocumentReader.Write(WorkflowReader.Read(seed)));
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: text.Remove(at, 1); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            try
            {
                PlanValidator.Validate(WorkflowReader.Read(text.ToString()), 1000);
                read++;
            }
            catch (WorkflowFormatException ex)
            {
                Assert.True(ex.Problems.Count == 0 || ex.Line >= 1, text.ToString());
            }
        }

        Assert.InRange(read, 1, 2_999);
    }
}
