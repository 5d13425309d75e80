using System.Text.Json.Serialization;

namespace Orch.Core.Plans;

[JsonSourceGenerationOptions(
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    MaxDepth = 16,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class PlanJson : JsonSerializerContext;
