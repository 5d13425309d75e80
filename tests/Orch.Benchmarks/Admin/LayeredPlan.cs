using System.Text.Json;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// A plan shaped like a large real one: tasks in layers about √n wide (40 for 1,000), each past the first
/// depending on one to three tasks of the layer before or, now and then, the one before that; kinds and
/// complexities mixed (so the router spreads them over the tiers), a third with acceptance criteria (so
/// the judge is called too). Deterministic, so that every run measures the same project.
/// </summary>
internal static class LayeredPlan
{
    private static readonly string[] Kinds = ["research", "analysis", "design", "code", "test", "writing", "review", "data"];
    private static readonly string[] Subjects = ["billing API", "sign-up flow", "search index", "report export", "audit log", "rate limiter", "import job", "settings page"];

    /// <summary>How many tasks a layer holds in a plan of <paramref name="size"/> tasks.</summary>
    public static int Width(int size) => Math.Max(4, (int)Math.Round(Math.Sqrt(size) * 1.25));

    /// <summary>The plan as the JSON <c>PlanService.CreateDraftFromJsonAsync</c> reads.</summary>
    public static string Json(int size)
    {
        var width = Width(size);
        var random = new Random(size);
        var tasks = new List<object>(size);
        for (var i = 0; i < size; i++)
        {
            var layer = i / width;
            var kind = Kinds[i % Kinds.Length];
            var subject = Subjects[(i / Kinds.Length) % Subjects.Length];
            var title = $"{char.ToUpperInvariant(kind[0])}{kind[1..]} for the {subject}, part {i + 1}";
            tasks.Add(new
            {
                key = $"t{i + 1}",
                title,
                description = $"Do the {kind} work on the {subject} that layer {layer + 1} of the plan needs, building on what its dependencies produced.",
                kind,
                // Mostly low, some medium, a few high: the share a planner tends to give.
                complexity = (i % 10) switch { < 7 => "low", < 9 => "medium", _ => "high" },
                acceptance_criteria = i % 3 == 0 ? new[] { $"Covers the {subject} {kind}" } : [],
                depends_on = layer == 0 ? [] : Dependencies(random, layer, width),
            });
        }

        return JsonSerializer.Serialize(new { tasks });
    }

    private static string[] Dependencies(Random random, int layer, int width)
    {
        var count = random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 };
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (keys.Count < count)
        {
            // One in five reaches two layers back, where there is one.
            var back = layer >= 2 && random.Next(5) == 0 ? 2 : 1;
            keys.Add($"t{((layer - back) * width) + random.Next(width) + 1}");
        }

        return [.. keys];
    }
}
