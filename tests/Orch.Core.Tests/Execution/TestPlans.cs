namespace Orch.Core.Tests.Execution;

/// <summary>Plans for engine tests, as the JSON a planner or a person would give.</summary>
internal static class TestPlans
{
    public static object Task(string key, params string[] dependsOn) => new
    {
        key,
        title = $"Task {key}",
        description = $"Do the work of {key}.",
        kind = "writing",
        complexity = "low",
        depends_on = dependsOn,
        acceptance_criteria = Array.Empty<string>(),
    };

    /// <summary>A task with acceptance criteria (so the judge is asked) and tools.</summary>
    public static object Checked(string key, string[] criteria, string[]? tools = null, params string[] dependsOn) => new
    {
        key,
        title = $"Task {key}",
        description = $"Do the work of {key}.",
        kind = "writing",
        complexity = "low",
        depends_on = dependsOn,
        acceptance_criteria = criteria,
        tools = tools ?? [],
    };

    public static object With(params object[] tasks) => new { tasks };

    /// <summary>a → (b, c) → d.</summary>
    public static object Diamond() => With(Task("a"), Task("b", "a"), Task("c", "a"), Task("d", "b", "c"));

    /// <summary>A random DAG of <paramref name="count"/> tasks: each depends on up to three earlier ones.</summary>
    public static object Random(int count, int seed)
    {
        var random = new Random(seed);
        var tasks = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var deps = i == 0 ? [] : Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"t{random.Next(0, i)}").Distinct().ToArray();
            tasks.Add(Task($"t{i}", deps));
        }

        return With([.. tasks]);
    }
}
