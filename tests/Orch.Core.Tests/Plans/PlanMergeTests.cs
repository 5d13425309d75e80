using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>A re-plan's answer never wipes tasks by leaving them out.</summary>
public sealed class PlanMergeTests
{
    private static readonly PlanDocument Current = PlanDocumentReader.Read("""
        {"tasks":[{"key":"a","title":"A"},{"key":"b","title":"B","depends_on":["a"]},{"key":"c","title":"C","depends_on":["b"]}]}
        """);

    [Fact]
    public void TasksLeftOutOfTheAnswer_AreKept()
    {
        var merged = PlanMerge.Apply(Current, PlanDocumentReader.Read("""{"tasks":[{"key":"d","title":"D","depends_on":["c"]}]}"""));

        Assert.Equal(["a", "b", "c", "d"], merged.Tasks!.Select(t => t!.Key));
    }

    [Fact]
    public void ATaskWithAKnownKey_ReplacesIt_InPlace()
    {
        var merged = PlanMerge.Apply(Current, PlanDocumentReader.Read("""{"tasks":[{"key":"b","title":"B, better"}]}"""));

        Assert.Equal(["A", "B, better", "C"], merged.Tasks!.Select(t => t!.Title));
    }

    [Fact]
    public void OnlyNamedTasksAreRemoved()
    {
        var merged = PlanMerge.Apply(Current, PlanDocumentReader.Read("""{"tasks":[{"key":"c","title":"C","depends_on":["a"]}],"remove":["b"]}"""));

        Assert.Equal(["a", "c"], merged.Tasks!.Select(t => t!.Key));
        Assert.True(PlanValidator.Validate(merged, 10).IsValid);
    }

    [Fact]
    public void RemovingAnUnknownTask_IsAProblem()
    {
        var error = Assert.Throws<PlanValidationException>(() => PlanMerge.Apply(Current, PlanDocumentReader.Read("""{"tasks":[],"remove":["zzz"]}""")));

        Assert.Equal("unknown_task", Assert.Single(error.Problems).Code);
    }

    [Fact]
    public void AChangedTask_KeepsTheFieldsTheAnswerLeftOut()
    {
        var merged = PlanMerge.Apply(Current, PlanDocumentReader.Read("""{"tasks":[{"key":"b","title":"B2"}]}"""));

        var b = merged.Tasks![1]!;
        Assert.Equal(("B2", "a"), (b.Title, Assert.Single(b.DependsOn!)));
    }
}
