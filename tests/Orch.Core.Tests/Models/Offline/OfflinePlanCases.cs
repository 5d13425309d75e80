namespace Orch.Core.Tests.Models.Offline;

/// <summary>Twenty requirement texts of many shapes: short, long, numbered, prose, nested bullets, not English.</summary>
internal static class OfflinePlanCases
{
    public static readonly OfflinePlanCase[] All =
    [
        new("one line", "Build a landing page for our product.", 1, [], []),
        new("numbered", """
            1. Research competitor pricing pages
            2. Design a pricing table
            3. Implement the pricing page in React
            4. Write tests for the pricing page
            """, 4, [("Design", "Research"), ("Implement", "Design"), ("tests", "Implement")], []),
        new("bullets then gather", """
            - Collect sales data from the CRM
            - Collect marketing spend from the ad platforms
            - Combine all the data into one quarterly report
            """, 3, [("Combine", "sales"), ("Combine", "marketing")], [("sales", "marketing")]),
        new("prose with first/then/finally", "First research the market for electric bikes. Then write a two-page summary of the findings. Finally, review the summary for accuracy.",
            3, [("two-page", "research"), ("Review", "two-page")], []),
        new("nested outline", """
            Launch plan:
            1. Design the API
               - define the endpoints
               - design the auth model
            2. Implement the API
            3. Write the API documentation
            """, 5, [("Design the API", "endpoints"), ("Design the API", "auth"), ("Implement", "Design the API"), ("documentation", "Implement")], [("endpoints", "auth")]),
        new("then-clauses in one sentence", "Set up CI for the repo; after that, migrate the build to .NET 10, and then fix any failing tests.",
            3, [("Migrate", "CI"), ("Fix", "Migrate")], []),
        new("German prose", "Erstelle eine Liste der Lieferanten. Dann vergleiche ihre Preise. Danach schreibe eine Empfehlung.",
            3, [("vergleiche", "Liste"), ("Empfehlung", "vergleiche")], []),
        new("Chinese prose", "请调研三家云服务商的价格。然后比较它们的优缺点。最后写一份推荐报告。", 3, [("然后比较", "请调研"), ("最后写", "然后比较")], []),
        new("before reference", """
            - Write the blog post
            - Proofread the blog post before publishing it
            - Publish the blog post on the website
            """, 3, [("Publish", "Proofread")], [("Write", "Proofread")]),
        new("after reference", """
            - Gather customer interviews
            - Analyse the survey results
            - After the interviews are gathered, write personas
            """, 3, [("personas", "customer")], [("customer", "survey")]),
        new("in parallel cue", """
            1. Draft the press release
            2. Meanwhile, prepare the social media posts
            3. Publish everything on launch day
            """, 3, [("Publish", "social")], [("press", "social")]),
        new("step labels", """
            Step 1: Export the orders table to CSV
            Step 2: Clean the exported data
            Step 3: Load the clean data into the warehouse
            """, 3, [("Clean", "Export"), ("Load", "Clean")], []),
        new("letter items", """
            a) Audit the current logging
            b) Propose a structured logging format
            c) Migrate the services to the new format
            """, 3, [("Propose", "Audit"), ("Migrate", "Propose")], []),
        new("wrapped items", """
            - Survey the existing accessibility issues on
              every page of the checkout flow
            - Fix the colour contrast problems
            """, 2, [], [("Survey", "contrast")]),
        new("long prose", string.Join(' ', Enumerable.Range(1, 12).Select(i => $"Then handle part {i} of the migration carefully and record what changed in the migration log for part {i}."))
            .Replace("Then handle part 1 ", "Handle part 1 ", StringComparison.Ordinal), 12, [("part 12", "part 11"), ("part 2 ", "part 1 ")], []),
        new("intro paragraph and list", """
            We are moving the blog to a static site generator. The work:
            - Pick a generator
            - Convert the existing posts
            - Set up hosting and DNS
            """, 3, [], [("Pick", "hosting")]),
        new("mixed bullets with final summary", """
            * Benchmark the JSON parser
            * Benchmark the XML parser
            * Summarize the benchmark results in a table
            """, 3, [("Summarize", "JSON"), ("Summarize", "XML")], [("JSON", "XML")]),
        new("Spanish numbered", """
            1. Investigar los requisitos legales
            2. Redactar la política de privacidad
            3. Publicar la política en la web
            """, 3, [("Redactar", "Investigar"), ("Publicar", "Redactar")], []),
        new("deep nesting", """
            - Build the reporting feature
              - Backend
                - Write the aggregation query
                - Expose the report endpoint
              - Frontend
                - Draw the report chart
            """, 6, [("Backend", "aggregation"), ("Backend", "endpoint"), ("Frontend", "chart"), ("reporting feature", "Backend"), ("reporting feature", "Frontend")], [("Backend", "Frontend")]),
        new("once done", """
            1. Train the baseline model
            2. Once the baseline model is trained, evaluate it on the test set
            3. Write up the evaluation
            """, 3, [("evaluate", "Train"), ("Write up", "evaluate")], []),
    ];
}
