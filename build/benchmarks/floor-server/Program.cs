using FloorServer;
using Npgsql;

// The floor of this stack: Kestrel and Npgsql, no FHIR model, no access profile, no audit.
// GET /fhir/{type}/{id} answers the stored JSON; GET /floor/{query}?... runs Queries/{query}.sql
// (and its .count.sql for the total) and answers a searchset Bundle of the stored JSON, as the host
// does for the same search (build/benchmarks/bench-driver/Workloads/GuideSearches).
//   ConnectionStrings__RorNational=... ASPNETCORE_URLS=http://127.0.0.1:8201 dotnet FloorServer.dll
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("RorNational")
    ?? throw new InvalidOperationException("ConnectionStrings__RorNational is not set");
await using var database = NpgsqlDataSource.Create(connectionString);
var queries = Queries.Load(Path.Combine(AppContext.BaseDirectory, "Queries"));
var app = builder.Build();

app.MapGet("/fhir/{type}/{id}", async (string type, string id, HttpResponse response) =>
{
    if (!Queries.DocumentTables.TryGetValue(type, out var table)) return Results.NotFound();
    await using var command = database.CreateCommand(queries.Read(table));
    command.Parameters.AddWithValue("id", id);
    return await command.ExecuteScalarAsync() is string json ? Results.Text(json, "application/fhir+json") : Results.NotFound();
});

app.MapGet("/floor/{name}", async (string name, HttpRequest request, HttpResponse response) =>
{
    if (!queries.Search.TryGetValue(name, out var query)) return Results.NotFound();
    var total = await SearchPage.CountAsync(database, query, request.Query);
    var resources = await SearchPage.ReadAsync(database, query, request.Query);
    return Results.Text(SearchPage.Bundle(total, resources), "application/fhir+json");
});

app.MapGet("/health", () => "ok");
app.Run();
