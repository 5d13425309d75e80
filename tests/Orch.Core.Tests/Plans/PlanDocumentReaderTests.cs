using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

public sealed class PlanDocumentReaderTests
{
    [Fact]
    public void Read_ParsesEverySnakeCaseField()
    {
        const string json = """
            {
              "summary": "Ship the report",
              "tasks": [
                {
                  "key": "collect",
                  "title": "Collect data",
                  "description": "Pull last month's numbers",
                  "kind": "data",
                  "complexity": "low",
                  "tier": "fast",
                  "tools": ["web_fetch", "read_file"],
                  "acceptance_criteria": ["Has 30 rows"],
                  "priority": 5,
                  "depends_on": [],
                  "estimated_cost_usd": 0.25
                },
                { "key": "write", "title": "Write it up", "depends_on": ["collect"] }
              ]
            }
            """;

        var document = PlanDocumentReader.Read(json);

        Assert.Equal("Ship the report", document.Summary);
        Assert.NotNull(document.Tasks);
        Assert.Equal(2, document.Tasks.Count);
        var collect = document.Tasks[0]!;
        Assert.Equal("collect", collect.Key);
        Assert.Equal("Collect data", collect.Title);
        Assert.Equal("Pull last month's numbers", collect.Description);
        Assert.Equal("data", collect.Kind);
        Assert.Equal("low", collect.Complexity);
        Assert.Equal("fast", collect.Tier);
        Assert.Equal(["web_fetch", "read_file"], collect.Tools!);
        Assert.Equal(["Has 30 rows"], collect.AcceptanceCriteria!);
        Assert.Equal(5, collect.Priority);
        Assert.Equal([], collect.DependsOn!);
        Assert.Equal(0.25m, collect.EstimatedCostUsd);
        var write = document.Tasks[1]!;
        Assert.Equal(["collect"], write.DependsOn!);
        Assert.Null(write.Priority);
        Assert.Null(write.EstimatedCostUsd);
        Assert.Null(write.Kind);
    }

    [Fact]
    public void Read_AllowsCommentsAndTrailingCommas()
    {
        const string json = """
            // A plan written by hand.
            {
              "tasks": [
                { "key": "a", "title": "First", /* inline */ },
                { "key": "b", "title": "Second", "depends_on": ["a",], },
              ],
            }
            """;

        var document = PlanDocumentReader.Read(json);

        Assert.Equal(["a", "b"], document.Tasks!.Select(t => t!.Key));
        Assert.Equal(["a"], document.Tasks![1]!.DependsOn!);
    }

    [Fact]
    public void Read_KeepsANullTask_ForTheValidatorToReport()
    {
        var document = PlanDocumentReader.Read("""{"tasks": [null, {"key": "a"}]}""");

        Assert.Equal(2, document.Tasks!.Count);
        Assert.Null(document.Tasks[0]);
        Assert.Equal("a", document.Tasks[1]!.Key);
    }

    [Fact]
    public void Read_RoundTripsThroughWrite()
    {
        var original = PlanDocumentReader.Read("""{"summary": "s", "tasks": [{"key": "a", "title": "A", "priority": 3, "depends_on": ["b"], "estimated_cost_usd": 1.5}]}""");

        var again = PlanDocumentReader.Read(PlanDocumentReader.Write(original));

        Assert.Equal(original.Summary, again.Summary);
        var task = Assert.Single(again.Tasks!)!;
        Assert.Equal("a", task.Key);
        Assert.Equal(3, task.Priority);
        Assert.Equal(["b"], task.DependsOn!);
        Assert.Equal(1.5m, task.EstimatedCostUsd);
    }

    [Theory]
    // '}' where a value should be: the 12th character.
    [InlineData("{\"tasks\": [}", 1, 12)]
    // An unquoted property name.
    [InlineData("{\"summary\": \"hello\", x}", 1, 22)]
    // The second of two commas, on the third line.
    [InlineData("{\n  \"tasks\": [\n    {\"key\": \"a\",, }\n  ]\n}", 3, 17)]
    // A stray ']' at the start of the fourth line, after three spaces.
    [InlineData("{\n\"summary\": \"x\"\n\n   ]", 4, 4)]
    // Windows line ends count as one line break.
    [InlineData("\r\n{\r\n  \"tasks\": [,]\r\n}", 3, 13)]
    // Single quotes are not JSON.
    [InlineData("{'tasks': []}", 1, 2)]
    // Text after the document.
    [InlineData("{\"tasks\": []} x", 1, 15)]
    public void Read_ThrowsWithOneBasedLineAndColumn_WhenJsonIsMalformed(string json, long line, long column)
    {
        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains($"line {line}, column {column}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReportsTheEndOfTheText_WhenTheDocumentIsCutShort()
    {
        const string json = "{\"tasks\": [{\"key\": \"a\"}]";

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(1, ex.Line);
        Assert.Equal(json.Length + 1, ex.Column);
    }

    [Fact]
    public void Read_CountsColumnsInCharacters_WhenTheLineHoldsNonAsciiText()
    {
        // 'x' is the 19th character; in UTF-8 the two ideographs take six bytes, not two.
        const string json = "{\"summary\": \"日本\", x}";

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(1, ex.Line);
        Assert.Equal(json.IndexOf('x', StringComparison.Ordinal) + 1, ex.Column);
    }

    [Fact]
    public void Read_GivesTheJsonPath_WhenAFieldHasTheWrongType()
    {
        const string json = """
            {
              "tasks": [
                { "key": "a", "title": "A" },
                { "key": "b", "priority": "high" }
              ]
            }
            """;

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal("$.tasks[1].priority", ex.JsonPath);
        Assert.Contains("($.tasks[1].priority)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Line);
    }

    [Theory]
    [InlineData("""{"tasks": [{"key": 5}]}""", "$.tasks[0].key")]
    [InlineData("""{"tasks": [{"key": "a", "depends_on": "b"}]}""", "$.tasks[0].depends_on")]
    [InlineData("""{"tasks": [{"key": "a", "estimated_cost_usd": "1"}]}""", "$.tasks[0].estimated_cost_usd")]
    [InlineData("""{"tasks": [{"key": "a", "priority": 1.5}]}""", "$.tasks[0].priority")]
    [InlineData("""{"tasks": [{"key": "a", "priority": 10000000000}]}""", "$.tasks[0].priority")]
    [InlineData("""{"tasks": {}}""", "$.tasks")]
    public void Read_GivesTheJsonPath_ForEachWrongType(string json, string path)
    {
        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(path, ex.JsonPath);
        Assert.Contains($"({path})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesADocumentThatIsNotAnObject()
    {
        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read("[]"));

        Assert.Equal(1, ex.Line);
        Assert.StartsWith("The plan is not valid JSON at line 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \r\n\t ")]
    public void Read_RefusesEmptyText(string json)
    {
        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Line);
        Assert.Null(ex.Column);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("  null  ")]
    [InlineData("/* nothing */ null")]
    public void Read_RefusesTheNullLiteral(string json)
    {
        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"tasks\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_Throws_WhenTextIsNull()
    {
        Assert.Throws<ArgumentNullException>(() => PlanDocumentReader.Read(null!));
    }

    [Fact]
    public void Read_RefusesOverLongText_BeforeParsingIt()
    {
        // Blank padding would otherwise be refused as empty; a valid start shows the length check wins.
        var json = "{\"tasks\": []}" + new string(' ', PlanLimits.MaxDocumentChars);

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains("20,000,013 characters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 20,000,000", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Line);
    }

    [Fact]
    public void Read_AcceptsTextOfExactlyTheMaximumLength()
    {
        const string start = "{\"tasks\": []}";
        var json = start + new string(' ', PlanLimits.MaxDocumentChars - start.Length);

        var document = PlanDocumentReader.Read(json);

        Assert.Equal([], document.Tasks!);
    }

    [Fact]
    public void Read_RefusesTenThousandNestedArrays_InAnUnknownField()
    {
        var json = "{\"extra\": " + new string('[', 10_000) + new string(']', 10_000) + ", \"tasks\": []}";

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains("depth", ex.Message, StringComparison.Ordinal);
        // Refused by the first pass over the document, which knows the position but not the path.
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_RefusesTenThousandNestedObjects_InsideATask()
    {
        var json = "{\"tasks\": [{\"key\": \"a\", \"extra\": "
            + string.Concat(Enumerable.Repeat("{\"a\": ", 10_000)) + "1" + new string('}', 10_000) + "}]}";

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Contains("depth", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void Read_RefusesDeeplyNestedArrays_AsTheDocument(int depth)
    {
        var json = new string('[', depth) + new string(']', depth);

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_RefusesDeeplyNestedArrays_AsTheTasks()
    {
        var json = "{\"tasks\": " + new string('[', 10_000) + new string(']', 10_000) + "}";

        var ex = Assert.Throws<PlanFormatException>(() => PlanDocumentReader.Read(json));

        Assert.Equal(1, ex.Line);
    }
}
