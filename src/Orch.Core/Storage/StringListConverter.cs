using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orch.Core.Storage;

/// <summary>Stores a list of strings as a JSON array in one text column, the same on SQLite and PostgreSQL.</summary>
internal sealed class StringListConverter() : ValueConverter<List<string>, string>(
    list => JsonSerializer.Serialize(list, StorageJson.Default.ListString),
    json => JsonSerializer.Deserialize(json, StorageJson.Default.ListString) ?? new List<string>());
