using System.Text.Json.Serialization;

namespace Orch.Core.Storage;

[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
