using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orch.Core.Storage;

/// <summary>Normalises to UTC: PostgreSQL's timestamptz takes only offset zero from Npgsql.</summary>
internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value.ToUniversalTime());
