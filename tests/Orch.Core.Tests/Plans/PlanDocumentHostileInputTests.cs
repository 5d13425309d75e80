using System.Text;
using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Hostile plan documents are refused quickly, clearly and with short messages.</summary>
public sealed class PlanDocumentHostileInputTests
{
    [Fact]
    public void MoreTasksThanTheCap_IsRefusedBeforeAnyTaskIsBuilt()
    {
        var json = new StringBuilder("{\"tasks\":[");
        json.AppendJoin(',', Enumerable.Repeat("{}", 2_000_000));
        json.Append("]}");

        var error = Assert.Throws<PlanValidationException>(() => PlanDocumentReader.Read(json.ToString(), maxTasks: 1_000));

        Assert.Equal("too_many_tasks", Assert.Single(error.Problems).Code);
    }

    [Fact]
    public void HugeDependencyList_IsRefusedAsTooLong()
    {
        var deps = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"d{i}\""));
        var document = PlanDocumentReader.Read($$"""{"tasks":[{"key":"a","title":"A","depends_on":[{{deps}}]}]}""");

        var validation = PlanValidator.Validate(document, maxTasks: 1_000);

        Assert.Contains(validation.Problems, p => p.Path == "tasks[0].depends_on" && p.Message.Contains("at most 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void HugeDuplicateKeys_GiveShortMessages()
    {
        var key = new string('k', 5_000_000);
        var document = PlanDocumentReader.Read($$"""{"tasks":[{"key":"{{key}}","title":"A"},{"key":"{{key}}","title":"B"}]}""");

        var error = Assert.Throws<PlanValidationException>(() => PlanValidator.Validate(document, 1_000).EnsureValid());

        Assert.True(error.Message.Length < 5_000, $"message is {error.Message.Length} characters");
    }

    [Theory]
    [InlineData(0xD800, "lone surrogate")]
    [InlineData(0x0001, "control character")]
    public void BrokenText_IsAFormatError(int character, string expected)
    {
        // Built here: a lone surrogate would not survive as test data.
        var json = "{\"tasks\":[{\"key\":\"a\",\"title\":\"x" + (char)character + "y\"}]}";

        var error = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedNul_IsRefusedByTheValidator()
    {
        var document = PlanDocumentReader.Read("""{"tasks":[{"key":"a","title":"x\u0000y"}]}""");

        Assert.Contains(PlanValidator.Validate(document, 10).Problems, p => p.Path == "tasks[0].title" && p.Message.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public void ByteOrderMark_IsIgnored()
    {
        var document = PlanDocumentReader.Read("\uFEFF{\"tasks\":[{\"key\":\"a\",\"title\":\"A\"}]}");

        Assert.Equal("a", Assert.Single(document.Tasks!)!.Key);
    }

    [Fact]
    public void MisspeltField_IsAnErrorWithASuggestion_NotASilentlyLostDependency()
    {
        var error = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read("""
            {"tasks":[
              {"key":"a","title":"A"},
              {"key":"b","title":"B","dependsOn":["a"]}
            ]}
            """));

        Assert.Equal(3, error.Line);
        Assert.Contains("'dependsOn' is not a field of a task", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'depends_on'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedField_IsAnError()
    {
        Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read("""{"tasks":[{"key":"a","key":"b","title":"A"}]}"""));
    }
}
