using Orch.Testing;

namespace Orch.Core.Tests.Projects;

public sealed class PostgresProjectListTests() : ProjectListContract(StoreKind.Postgres);
